import { z } from 'zod';
import { idOrCode } from '../ids.ts';
import { page, pageQuery } from '../pagination.ts';

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
    erasedAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .describe('Set once the identity was erased on request: the remaining fields are pseudonymous.'),
  })
  .meta({ id: 'Patient' });
export type Patient = z.infer<typeof patientSchema>;

export const patientPage = page(patientSchema).meta({ id: 'PatientPage' });

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number');

/** Demographics, contact details and the health attributes of the no-show data. */
const patientFields = {
  name: z.string().trim().min(2).max(200),
  gender: z.enum(['F', 'M', 'X']),
  birthDate: z.iso.date().describe('YYYY-MM-DD'),
  neighbourhood: z.string().trim().min(1).max(100),
  email: z.email().max(254).nullable(),
  phone: phone.nullable(),
  address: z.string().trim().max(300).nullable(),
  scholarship: z.boolean(),
  hypertension: z.boolean(),
  diabetes: z.boolean(),
  alcoholism: z.boolean(),
  handicap: z.number().int().min(0).max(4),
};

/** Name, gender, birth date and neighbourhood are required; the rest may follow later. */
export const patientCreate = z
  .object(patientFields)
  .partial({
    email: true,
    phone: true,
    address: true,
    scholarship: true,
    hypertension: true,
    diabetes: true,
    alcoholism: true,
    handicap: true,
  })
  .meta({ id: 'PatientCreate' });
export type PatientCreate = z.infer<typeof patientCreate>;

export const patientUpdate = z
  .object(patientFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change')
  .describe('Health attributes (hypertension, diabetes, alcoholism, handicap) are not for admins to change.');
export type PatientUpdate = z.infer<typeof patientUpdate>;

export const patientErasure = z
  .object({
    id: z.uuid(),
    code: z.string().describe('Kept: a pseudonym that links the remaining clinical and billing facts.'),
    erasedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'PatientErasure' });
export type PatientErasure = z.infer<typeof patientErasure>;
