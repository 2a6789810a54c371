import { z } from 'zod';
import { idOrCode } from '../ids.ts';
import { page, pageQuery } from '../pagination.ts';

export const clinicIdParams = z.object({ id: idOrCode('C') });

export const clinicListQuery = pageQuery.extend({
  q: z.string().trim().min(1).max(100).optional().describe('Part of the clinic name.'),
  neighbourhood: z.string().trim().min(1).max(100).optional(),
});
export type ClinicListQuery = z.infer<typeof clinicListQuery>;

export const clinicSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    neighbourhood: z.string(),
    address: z.string().nullable(),
    location: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
    timezone: z.string().describe('IANA time zone of all local times at this clinic.'),
    emergencyPhone: z.string(),
    closedOnWeekends: z.boolean(),
    capacity: z.number().int().describe('Patients the clinic can see per day.'),
  })
  .meta({ id: 'Clinic' });
export type Clinic = z.infer<typeof clinicSchema>;

export const clinicPage = page(clinicSchema).meta({ id: 'ClinicPage' });

/** An IANA zone this runtime knows (Intl throws on unknown zones). */
export const ianaZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/Sao_Paulo');

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{3,20}$/, 'must be a phone number');

export const clinicCreate = z.object({
  code: z
    .string()
    .regex(/^C\d{1,12}$/, 'must look like C001')
    .optional(),
  name: z.string().trim().min(2).max(200),
  neighbourhood: z.string().trim().min(1).max(100),
  address: z.string().trim().max(300).nullable().optional(),
  location: z
    .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
    .nullable()
    .optional(),
  timezone: ianaZone,
  capacity: z.number().int().min(1).max(100_000).optional(),
  emergencyPhone: phone,
  closedOnWeekends: z.boolean().optional(),
});
export type ClinicCreate = z.infer<typeof clinicCreate>;

export const clinicUpdate = clinicCreate
  .omit({ code: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type ClinicUpdate = z.infer<typeof clinicUpdate>;
