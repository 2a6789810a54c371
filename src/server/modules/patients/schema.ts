import { z } from 'zod';
import { idOrCode } from '../../../core/ids.ts';
import { page, pageQuery } from '../../../core/pagination.ts';

export const patientParams = z.object({ id: idOrCode('P') });

export const patientListQuery = pageQuery.extend({
  q: z.string().trim().min(1).max(100).optional().describe('Part of the name, or a patient code.'),
});
export type PatientListQuery = z.infer<typeof patientListQuery>;

export const patientSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    gender: z.enum(['F', 'M', 'X']),
    birthDate: z.iso.date(),
    neighbourhood: z.string(),
    scholarship: z.boolean(),
    hypertension: z.boolean(),
    diabetes: z.boolean(),
    alcoholism: z.boolean(),
    handicap: z.number().int().min(0).max(4),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    hasAccount: z.boolean(),
  })
  .meta({ id: 'Patient' });
export type Patient = z.infer<typeof patientSchema>;

export const patientPage = page(patientSchema).meta({ id: 'PatientPage' });

export const patientUpdate = z
  .object({
    email: z.email().max(254).nullable(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
      .nullable(),
    address: z.string().trim().max(300).nullable(),
    neighbourhood: z.string().trim().min(1).max(100),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type PatientUpdate = z.infer<typeof patientUpdate>;
