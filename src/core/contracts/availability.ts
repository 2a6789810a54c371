import { z } from 'zod';
import { idOrCode } from '../ids.ts';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');
const range = z.object({ start: time, end: time }).refine((r) => r.end > r.start, 'end must be after start');
const ranges = z.array(range).max(12);

export const weeklySchema = z.array(z.object({ weekday: z.number().int().min(1).max(7), ranges })).max(7);

export const availabilitySchema = z
  .object({
    doctorId: z.uuid(),
    timezone: z.string(),
    closedOnWeekends: z.boolean(),
    slotMinutes: z.number().int(),
    bufferMinutes: z.number().int(),
    minNoticeMinutes: z.number().int(),
    horizonDays: z.number().int(),
    weekly: weeklySchema,
    overrides: z.array(z.object({ date: z.iso.date(), ranges })),
  })
  .meta({ id: 'Availability' });

export const availabilityBody = z.object({
  slotMinutes: z.number().int().min(5).max(480),
  bufferMinutes: z.number().int().min(0).max(240).default(0),
  minNoticeMinutes: z.number().int().min(0).max(43_200).default(120),
  horizonDays: z.number().int().min(1).max(730).default(90),
  weekly: weeklySchema,
});
export type AvailabilityBody = z.infer<typeof availabilityBody>;

export const doctorParams = z.object({ id: idOrCode('D') });
export const overrideParams = z.object({ id: idOrCode('D'), date: z.iso.date() });
export const overrideBody = z.object({ ranges: ranges.describe('Hours that day; [] = day off.') });

export const timeOffBody = z
  .object({
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    reason: z.string().trim().max(200).optional(),
  })
  .refine((t) => Date.parse(t.endsAt) > Date.parse(t.startsAt), {
    message: 'must be after startsAt',
    path: ['endsAt'],
  });
export const timeOffSchema = z
  .object({ id: z.uuid(), startsAt: z.string(), endsAt: z.string(), reason: z.string().nullable() })
  .meta({ id: 'TimeOff' });
export const timeOffList = z.object({ items: z.array(timeOffSchema) });
export const timeOffParams = z.object({ id: idOrCode('D'), timeOffId: z.uuid() });

export const clinicParams = z.object({ id: idOrCode('C') });
export const holidayBody = z.object({ date: z.iso.date(), name: z.string().trim().min(1).max(100) });
export const holidaySchema = z
  .object({ id: z.uuid(), date: z.string(), name: z.string() })
  .meta({ id: 'Holiday' });
export const holidayList = z.object({ items: z.array(holidaySchema) });
export const holidayParams = z.object({ id: idOrCode('C'), holidayId: z.uuid() });
