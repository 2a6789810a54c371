import { z } from 'zod';

export const discoverQuery = z.object({
  symptoms: z.string().trim().min(2).max(500).describe('What you feel, in your own words.'),
  near: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('Where you are: `lat,lon` (e.g. `-20.3195,-40.338`) or a neighbourhood name (e.g. `Centro`).'),
  radius_km: z.coerce
    .number()
    .min(0.1)
    .max(500)
    .default(10)
    .describe('Only doctors this close (with `near`).'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type DiscoverQuery = z.infer<typeof discoverQuery>;

const redFlag = z.object({ id: z.string(), reason: z.string(), matched: z.array(z.string()) });

export const specialtySuggestion = z.object({
  specialty: z.string(),
  confidence: z.number().describe('0–1: the curated map (60%) and the history classifier (40%) combined.'),
  matched: z.array(z.string()).describe('Phrases of the symptom map found in the text.'),
  fromHistory: z.number().describe("The history classifier's share for this specialty."),
});

export const discoveredDoctor = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  specialty: z.string(),
  clinic: z.object({ id: z.uuid(), code: z.string(), name: z.string(), neighbourhood: z.string() }),
  distanceKm: z.number().nullable().describe('Haversine distance to the clinic; null without `near`.'),
  rating: z.object({
    score: z.number().describe('Bayesian-adjusted average used for ranking.'),
    count: z.number().int(),
    average: z.number().nullable(),
  }),
  nextSlot: z
    .object({ start: z.string(), end: z.string() })
    .nullable()
    .describe("The soonest free slot in the next 14 days (clinic's local time), or null."),
  score: z.number().describe('0.45·fit + 0.25·near + 0.15·rating + 0.15·soon.'),
});

export const discoverAnswer = z
  .object({
    urgent: z
      .object({ title: z.string(), advice: z.string(), reasons: z.array(redFlag) })
      .nullable()
      .describe('Emergency red flags: when present, act on this first.'),
    specialties: z.array(specialtySuggestion),
    unrecognised: z.boolean().describe('No symptom was recognised: a general practitioner is suggested.'),
    origin: z.object({ lat: z.number(), lon: z.number(), area: z.string().nullable() }).nullable(),
    radiusKm: z.number().nullable(),
    doctors: z.array(discoveredDoctor),
    mapVersion: z.string().describe('Version of the curated symptom map.'),
  })
  .meta({ id: 'DiscoverAnswer' });
export type DiscoverAnswer = z.infer<typeof discoverAnswer>;
