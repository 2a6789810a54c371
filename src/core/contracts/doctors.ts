import { z } from 'zod';
import { idOrCode } from '../ids.ts';
import { page, pageQuery } from '../pagination.ts';

export const doctorIdParams = z.object({ id: idOrCode('D') });

export const doctorListQuery = pageQuery.extend({
  specialty: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('Exact specialty, any case, e.g. `Cardiology`.'),
  clinic: idOrCode('C').optional().describe('Clinic id or code.'),
  q: z.string().trim().min(1).max(100).optional().describe('Part of the doctor name.'),
});
export type DoctorListQuery = z.infer<typeof doctorListQuery>;

export const doctorSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    specialty: z.string(),
    slotMinutes: z.number().int().describe('Length of one visit in minutes.'),
    clinic: z.object({ id: z.uuid(), code: z.string(), name: z.string(), neighbourhood: z.string() }),
    rating: z
      .object({
        count: z.number().int(),
        average: z.number().nullable().describe('Plain mean of the scores; null before the first rating.'),
        score: z.number().describe('Bayesian-adjusted average for ranking (see GET /doctors/{id}/ratings).'),
      })
      .describe('Patients’ ratings after completed visits.'),
  })
  .meta({ id: 'Doctor' });
export type Doctor = z.infer<typeof doctorSchema>;

export const doctorPage = page(doctorSchema).meta({ id: 'DoctorPage' });

export const specialtyList = z
  .object({ items: z.array(z.object({ specialty: z.string(), doctors: z.number().int() })) })
  .meta({ id: 'SpecialtyList' });
export type SpecialtyList = z.infer<typeof specialtyList>;

export const doctorCreate = z.object({
  code: z
    .string()
    .regex(/^D\d{1,12}$/, 'must look like D0001')
    .optional(),
  name: z.string().trim().min(2).max(200),
  specialty: z.string().trim().min(2).max(100),
  clinic: idOrCode('C').describe('Clinic id or code.'),
  email: z.email().max(254).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
    .nullable()
    .optional(),
});
export type DoctorCreate = z.infer<typeof doctorCreate>;

export const doctorUpdate = doctorCreate
  .omit({ code: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type DoctorUpdate = z.infer<typeof doctorUpdate>;
