import { z } from 'zod';

export const icd10Code = z
  .object({
    code: z.string().describe('With the dot, e.g. `E11.9`.'),
    description: z.string(),
  })
  .meta({ id: 'Icd10Code' });

export const icd10SearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe(
      'A code prefix (`E11`, `S72.0`) or words from the description (`diab mell`). Without: the list from A00.0.',
    ),
  limit: z.coerce.number().int().min(1).max(50).default(20).describe('At most this many codes (1–50).'),
});
export type Icd10SearchQuery = z.infer<typeof icd10SearchQuery>;

export const icd10List = z.object({ items: z.array(icd10Code) }).meta({ id: 'Icd10List' });

export const icd10Params = z.object({
  code: z.string().max(10).describe('With or without the dot: `E11.9` or `E119`.'),
});
