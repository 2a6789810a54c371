import { z } from 'zod';
import { idOrCode } from '../../../core/ids.ts';
import { page, pageQuery } from '../../../core/pagination.ts';

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
