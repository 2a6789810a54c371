import { z } from 'zod';
import { idOrCode } from '../../../core/ids.ts';
import { page, pageQuery } from '../../../core/pagination.ts';

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
  })
  .meta({ id: 'Doctor' });
export type Doctor = z.infer<typeof doctorSchema>;

export const doctorPage = page(doctorSchema).meta({ id: 'DoctorPage' });

export const specialtyList = z
  .object({ items: z.array(z.object({ specialty: z.string(), doctors: z.number().int() })) })
  .meta({ id: 'SpecialtyList' });
export type SpecialtyList = z.infer<typeof specialtyList>;
