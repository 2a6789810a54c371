import { z } from 'zod';
import { idOrCode } from '../ids.ts';
import { page, pageQuery } from '../pagination.ts';

const instant = z.iso
  .datetime({ offset: true })
  .describe('ISO 8601 with offset, e.g. 2026-12-01T09:00:00-03:00');

export const slotSchema = z.object({ start: instant, end: instant }).meta({ id: 'Slot' });

export const doctorSlotsQuery = z.object({
  from: instant.optional().describe('Default: now.'),
  to: instant.optional().describe('Default: 14 days after `from`; at most 93 days after it.'),
});
export const doctorSlots = z
  .object({ doctorId: z.uuid(), timezone: z.string(), items: z.array(slotSchema) })
  .meta({ id: 'DoctorSlots' });

export const slotSearchQuery = z.object({
  specialty: z.string().trim().min(1).max(100).optional(),
  clinic: idOrCode('C').optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
export const slotSearch = z
  .object({
    items: z.array(
      z.object({
        start: instant,
        end: instant,
        doctor: z.object({ id: z.uuid(), code: z.string(), name: z.string(), specialty: z.string() }),
        clinic: z.object({ id: z.uuid(), code: z.string(), name: z.string(), timezone: z.string() }),
      }),
    ),
  })
  .meta({ id: 'SlotSearch' });

export const bookBody = z.object({
  doctorId: idOrCode('D'),
  startsAt: instant,
  patientId: idOrCode('P').optional().describe('Staff booking for a patient; patients book for themselves.'),
  reason: z.string().trim().max(1000).optional().describe('Reason or symptoms, in the patient’s words.'),
});
export type BookBody = z.infer<typeof bookBody>;

export const rescheduleBody = z.object({ startsAt: instant });
export const cancelBody = z.object({ reason: z.string().trim().max(500).optional() });
export const statusBody = z.object({ status: z.enum(['checked_in', 'completed', 'no_show']) });

export const appointmentSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['booked', 'checked_in', 'completed', 'no_show', 'cancelled']),
    startsAt: instant,
    endsAt: instant,
    reason: z.string().nullable(),
    bookedAt: instant,
    doctor: z.object({ id: z.uuid(), code: z.string(), name: z.string(), specialty: z.string() }),
    clinic: z.object({ id: z.uuid(), code: z.string(), name: z.string(), timezone: z.string() }),
    patient: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof appointmentSchema>;

export const appointmentPage = page(appointmentSchema).meta({ id: 'AppointmentPage' });
export const appointmentList = z
  .object({ items: z.array(appointmentSchema) })
  .meta({ id: 'AppointmentList' });
export const appointmentParams = z.object({ id: z.uuid() });

export const myAppointmentsQuery = pageQuery.extend({
  scope: z.enum(['upcoming', 'past']).default('upcoming'),
});
export const agendaQuery = z.object({
  from: instant.optional().describe('Default: start of today in the clinic zone.'),
  to: instant.optional().describe('Default: one day (or 7 with view=week) after `from`.'),
  view: z.enum(['day', 'week']).default('day'),
});
export const boardQuery = z.object({
  date: z.iso.date().optional().describe('Local date at the clinic; default today.'),
});
