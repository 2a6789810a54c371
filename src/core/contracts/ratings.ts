import { z } from 'zod';
import { idOrCode } from '../ids.ts';
import { page, pageQuery } from '../pagination.ts';
import { EDIT_WINDOW_DAYS, PRIOR_MEAN, PRIOR_WEIGHT } from '../vocab.ts';

const instant = z.iso.datetime({ offset: true });
const comment = z.string().trim().min(1).max(2000);

export const ratingSummary = z
  .object({
    count: z.number().int(),
    average: z.number().nullable().describe('Plain mean of the scores; null before the first rating.'),
    score: z
      .number()
      .describe(
        `Bayesian average for ranking: (${String(PRIOR_WEIGHT)}×${String(PRIOR_MEAN)} + sum of scores) / (${String(PRIOR_WEIGHT)} + count).`,
      ),
  })
  .meta({ id: 'RatingSummary' });

export const rateBody = z
  .object({
    appointmentId: z.uuid().describe('Your completed appointment with the doctor you rate.'),
    score: z.number().int().min(1).max(5),
    comment: comment.optional(),
  })
  .meta({ id: 'RatingCreate' });
export type RateBody = z.infer<typeof rateBody>;

export const ratingEdit = z
  .object({ score: z.number().int().min(1).max(5), comment: comment.nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change')
  .describe(`Editable for ${String(EDIT_WINDOW_DAYS)} days after rating.`);
export type RatingEdit = z.infer<typeof ratingEdit>;

export const hideBody = z.object({ reason: z.string().trim().min(5).max(500) });

/** A patient's own rating. */
export const ratingSchema = z
  .object({
    id: z.uuid(),
    appointmentId: z.uuid(),
    doctorId: z.uuid(),
    score: z.number().int(),
    comment: z.string().nullable(),
    createdAt: instant,
    editableUntil: instant,
    commentHidden: z.boolean(),
  })
  .meta({ id: 'Rating' });
export type Rating = z.infer<typeof ratingSchema>;
export const ratingPage = page(ratingSchema).meta({ id: 'RatingPage' });

/** A rating as the public sees it: no patient, the comment only if it is not hidden. */
export const publicRating = z
  .object({ id: z.uuid(), score: z.number().int(), comment: z.string().nullable(), createdAt: instant })
  .meta({ id: 'PublicRating' });
export const doctorRatings = z
  .object({
    summary: ratingSummary,
    items: z.array(publicRating),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'DoctorRatings' });

/** What moderators see. */
export const moderatedRating = z
  .object({
    id: z.uuid(),
    doctorId: z.uuid(),
    doctorName: z.string(),
    score: z.number().int(),
    comment: z.string().nullable(),
    createdAt: instant,
    hidden: z.object({ at: instant, reason: z.string() }).nullable(),
  })
  .meta({ id: 'ModeratedRating' });
export const moderationPage = page(moderatedRating).meta({ id: 'ModeratedRatingPage' });

export const ratingParams = z.object({ id: z.uuid() });
export const doctorParams = z.object({ id: idOrCode('D') });
export const moderationQuery = pageQuery.extend({
  hidden: z.enum(['true', 'false']).optional().describe('Only hidden (true) or only visible (false) ones.'),
});
export { pageQuery };
