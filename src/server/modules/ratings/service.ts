import { AppError, conflict, notFound } from '../../../core/errors.ts';
import type { Page } from '../../../core/pagination.ts';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../http/access.ts';
import { decodeCursor, encodeCursor, toPage } from '../../http/pagination.ts';
import { sqlState } from '../../http/problem.ts';
import { recordAudit, recordAudits, type AuditContext } from '../audit/index.ts';
import { visitFacts } from '../appointments/index.ts';
import { findDoctorRef } from '../doctors/index.ts';
import * as repo from './repo.ts';
import { canEdit, editableUntil, rateRefusal, summarize, type RatingSummary } from './rules.ts';
import type { RateBody, Rating, RatingEdit } from './schema.ts';

function toRating(r: repo.RatingRow): Rating {
  return {
    id: r.id,
    appointmentId: r.appointmentId,
    doctorId: r.doctorId,
    score: r.score,
    comment: r.comment,
    createdAt: r.createdAt.toISOString(),
    editableUntil: editableUntil(r.createdAt).toISOString(),
    commentHidden: r.hiddenAt !== null,
  };
}

const cursorOf = (r: repo.RatingRow): [string, string] => [r.createdAt.toISOString(), r.id];
const visitNotFound = () => notFound('appointment.not_found', 'You have no appointment with this id.');

/** One rating per completed visit: the unique index settles two submissions racing each other. */
export async function rate(db: Db, patientId: string, body: RateBody, ctx: AuditContext): Promise<Rating> {
  const visit = await visitFacts(db, body.appointmentId);
  if (!visit) throw visitNotFound();
  const refusal = rateRefusal(visit, patientId);
  if (refusal === 'rating.not_yours') throw visitNotFound();
  if (refusal) throw conflict(refusal, 'A visit can be rated once it is completed.');
  try {
    return await db.transaction(async (tx) => {
      const row = await repo.insertRating(tx, {
        appointmentId: body.appointmentId,
        patientId,
        doctorId: visit.doctorId,
        score: body.score,
        comment: body.comment ?? null,
      });
      await recordAudit(tx, ctx, {
        action: 'rating.create',
        patientId,
        outcome: 'allowed',
        details: { ratingId: row.id },
      });
      return toRating(row);
    });
  } catch (err) {
    if (sqlState(err) === '23505')
      throw conflict('rating.exists', 'This visit is already rated: edit that rating.');
    throw err;
  }
}

export async function edit(
  db: Db,
  patientId: string,
  id: string,
  changes: RatingEdit,
  ctx: AuditContext,
): Promise<Rating> {
  const row = await repo.findRating(db, id);
  if (row?.patientId !== patientId) throw notFound('rating.not_found', 'You have no rating with this id.');
  if (!canEdit(row.createdAt, new Date()))
    throw conflict('rating.edit_window_closed', 'A rating can be changed for 7 days after it was given.');
  return db.transaction(async (tx) => {
    const updated = await repo.updateRating(tx, id, changes);
    await recordAudit(tx, ctx, {
      action: 'rating.edit',
      patientId,
      outcome: 'allowed',
      details: { ratingId: id },
    });
    return toRating(updated);
  });
}

export async function mine(db: Db, patientId: string, query: { cursor?: string | undefined; limit: number }) {
  const rows = await repo.page(db, repo.ofPatient(patientId), decodeCursor(query.cursor), query.limit + 1);
  const page = toPage(rows, query.limit, cursorOf);
  return { items: page.items.map(toRating), nextCursor: page.nextCursor };
}

export async function summaries(db: Db, doctorIds: string[]): Promise<Map<string, RatingSummary>> {
  const totals = await repo.totals(db, doctorIds);
  return new Map(
    doctorIds.map((id) => [id, summarize(totals.get(id)?.count ?? 0, totals.get(id)?.sum ?? 0)]),
  );
}

/** The public view: the summary, and scores with comments unless a moderator hid them. No patient. */
export async function ofDoctor(
  db: Db,
  doctorRef: string,
  query: { cursor?: string | undefined; limit: number },
) {
  const doctor = await findDoctorRef(db, doctorRef);
  if (!doctor) throw notFound('doctor.not_found', 'No doctor has this id or code.');
  const rows = await repo.page(db, repo.ofDoctor(doctor.id), decodeCursor(query.cursor), query.limit + 1);
  const page = toPage(rows, query.limit, cursorOf);
  return {
    summary: (await summaries(db, [doctor.id])).get(doctor.id)!,
    items: page.items.map((r) => ({
      id: r.id,
      score: r.score,
      comment: r.hiddenAt ? null : r.comment,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}

const toModerated = (r: repo.ModeratedRow) => ({
  id: r.id,
  doctorId: r.doctorId,
  doctorName: r.doctorName,
  score: r.score,
  comment: r.comment,
  createdAt: r.createdAt.toISOString(),
  hidden: r.hiddenAt ? { at: r.hiddenAt.toISOString(), reason: r.hiddenReason ?? '' } : null,
});

/** Moderators read patients' words: each rating shown is an audited read. */
export async function moderationQueue(
  db: Db,
  query: { hidden?: 'true' | 'false' | undefined; cursor?: string | undefined; limit: number },
  ctx: AuditContext,
): Promise<Page<ReturnType<typeof toModerated>>> {
  const hidden = query.hidden === undefined ? undefined : query.hidden === 'true';
  const rows = await repo.moderationPage(
    db,
    repo.hiddenIs(hidden),
    decodeCursor(query.cursor),
    query.limit + 1,
  );
  const items = rows.slice(0, query.limit);
  await recordAudits(
    db,
    ctx,
    items.map((r) => ({ action: 'rating.moderate', patientId: r.patientId, outcome: 'allowed' as const })),
  );
  const last = items.at(-1);
  return {
    items: items.map(toModerated),
    nextCursor: rows.length > query.limit && last ? encodeCursor(cursorOf(last)) : null,
  };
}

export async function hide(db: Db, admin: Principal, id: string, reason: string, ctx: AuditContext) {
  const row = await repo.findModerated(db, id);
  if (!row) throw notFound('rating.not_found', 'No rating has this id.');
  if (row.comment === null)
    throw new AppError(409, 'rating.no_comment', 'Conflict', {
      detail: 'This rating has no comment to hide.',
    });
  return db.transaction(async (tx) => {
    const updated = await repo.updateRating(tx, id, {
      hiddenAt: new Date(),
      hiddenReason: reason,
      hiddenByUserId: admin.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'rating.hide',
      patientId: row.patientId,
      outcome: 'allowed',
      details: { ratingId: id },
    });
    return toModerated({ ...updated, doctorName: row.doctorName });
  });
}

/** Shows a hidden comment again (a moderation mistake, or the patient's appeal), audited. */
export async function unhide(db: Db, id: string, ctx: AuditContext) {
  const row = await repo.findModerated(db, id);
  if (!row) throw notFound('rating.not_found', 'No rating has this id.');
  if (row.hiddenAt === null)
    throw new AppError(409, 'rating.not_hidden', 'Conflict', {
      detail: "This rating's comment is not hidden.",
    });
  return db.transaction(async (tx) => {
    const updated = await repo.updateRating(tx, id, {
      hiddenAt: null,
      hiddenReason: null,
      hiddenByUserId: null,
    });
    await recordAudit(tx, ctx, {
      action: 'rating.unhide',
      patientId: row.patientId,
      outcome: 'allowed',
      details: { ratingId: id },
    });
    return toModerated({ ...updated, doctorName: row.doctorName });
  });
}

/** Every rating a patient gave, newest first (their record export). */
export async function givenBy(db: Db, patientId: string): Promise<Rating[]> {
  return (await repo.page(db, repo.ofPatient(patientId), undefined, 10_000)).map(toRating);
}
