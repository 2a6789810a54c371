import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createCast, signIn, type Cast, type SignedIn } from '../../../../test/helpers/fixtures.ts';
import { appointments, ratings } from '../../db/schema/index.ts';

let t: TestApp;
let cast: Cast;
let patA: SignedIn;
let patB: SignedIn;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  cast = await createCast(t.database.db);
  [patA, patB, admin] = await Promise.all([
    signIn(t.app, cast.patientA),
    signIn(t.app, cast.patientB),
    signIn(t.app, cast.admin),
  ]);
});
afterAll(() => t.close());

const api = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  who: SignedIn | null,
  payload?: object,
) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who?.headers ?? {},
    ...(payload ? { payload } : {}),
  });

let day = 1;
/** A visit of the patient with a doctor (A by default), in the given state, each on its own day. */
async function visit(
  patientId: string,
  status: 'completed' | 'booked' = 'completed',
  doctorId = cast.doctorA.id,
) {
  day++;
  const startsAt = new Date(Date.UTC(2026, 1, day, 13));
  const [row] = await t.database.db
    .insert(appointments)
    .values({
      doctorId,
      patientId,
      clinicId: cast.clinicId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 1_800_000),
      status,
    })
    .returning();
  return row!.id;
}

const rate = (who: SignedIn, appointmentId: string, score: number, comment?: string) =>
  api('POST', '/ratings', who, { appointmentId, score, ...(comment ? { comment } : {}) });

describe('rating a doctor', () => {
  it('is for the patient of a completed visit, once per visit', async () => {
    const booked = await visit(cast.patientA.id, 'booked');
    const early = await rate(patA, booked, 5);
    expect([early.statusCode, early.json<{ code: string }>().code]).toEqual([409, 'rating.not_completed']);
    const done = await visit(cast.patientA.id);
    const notHers = await rate(patB, done, 1);
    expect([notHers.statusCode, notHers.json<{ code: string }>().code]).toEqual([
      404,
      'appointment.not_found',
    ]);
    const first = await rate(patA, done, 4, 'Listened carefully.');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      appointmentId: done,
      doctorId: cast.doctorA.id,
      score: 4,
      commentHidden: false,
    });
    const again = await rate(patA, done, 1);
    expect([again.statusCode, again.json<{ code: string }>().code]).toEqual([409, 'rating.exists']);
  });

  it('is once per visit in the database too, whatever races the code', async () => {
    const done = await visit(cast.patientA.id);
    const answers = await Promise.all([rate(patA, done, 5), rate(patA, done, 3)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const row = { appointmentId: done, patientId: cast.patientA.id, doctorId: cast.doctorA.id, score: 2 };
    await expect(t.database.db.insert(ratings).values(row)).rejects.toMatchObject({
      cause: { code: '23505' },
    });
  });

  it('can be changed for seven days, not after', async () => {
    const done = await visit(cast.patientA.id);
    const id = (await rate(patA, done, 2, 'Late')).json<{ id: string }>().id;
    const edited = await api('PATCH', `/ratings/${id}`, patA, { score: 3, comment: null });
    expect(edited.json()).toMatchObject({ score: 3, comment: null });
    expect((await api('PATCH', `/ratings/${id}`, patB, { score: 1 })).statusCode).toBe(404);
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    await t.database.db.update(ratings).set({ createdAt: eightDaysAgo }).where(eq(ratings.id, id));
    const late = await api('PATCH', `/ratings/${id}`, patA, { score: 5 });
    expect([late.statusCode, late.json<{ code: string }>().code]).toEqual([409, 'rating.edit_window_closed']);
    const [row] = await t.database.db.select().from(ratings).where(eq(ratings.id, id));
    expect(row?.score).toBe(3);
  });
});

describe('what the public sees', () => {
  it('is the count, the mean and the Bayesian score on the directory and the ratings page', async () => {
    const fresh = await api('GET', `/doctors/${cast.doctorB.id}`, null);
    expect(fresh.json<{ rating: object }>().rating).toEqual({ count: 0, average: null, score: 3 });
    for (const score of [5, 4, 4]) {
      const done = await visit(cast.patientA.id, 'completed', cast.doctorB.id);
      expect((await rate(patA, done, score)).statusCode).toBe(201);
    }
    // The hand-computed example: mean 13/3 = 4.33; (5·3 + 13) / (5 + 3) = 3.5.
    const expected = { count: 3, average: 4.33, score: 3.5 };
    const page = await api('GET', `/doctors/${cast.doctorB.code}/ratings`, null);
    expect(page.json()).toMatchObject({ summary: expected, nextCursor: null });
    expect(page.json<{ items: { score: number }[] }>().items.map((r) => r.score)).toEqual([4, 4, 5]);
    expect((await api('GET', `/doctors/${cast.doctorB.id}`, null)).json<{ rating: object }>().rating).toEqual(
      expected,
    );
    const list = await api('GET', '/doctors?q=Bruno', null);
    expect(list.json<{ items: { rating: object }[] }>().items[0]!.rating).toEqual(expected);
  });

  it('loses a comment an admin hides, with a reason; the score still counts', async () => {
    const done = await visit(cast.patientB.id);
    const id = (await rate(patB, done, 1, 'Dr Ana lives at Rua X 12')).json<{ id: string }>().id;
    const before = (await api('GET', `/doctors/${cast.doctorA.id}/ratings`, null)).json<{
      summary: { count: number };
    }>();
    const hidden = await api('POST', `/ratings/${id}/hide`, admin, {
      reason: 'Personal address of the doctor',
    });
    expect(hidden.json()).toMatchObject({
      doctorName: 'Dr Ana Souza',
      hidden: { reason: 'Personal address of the doctor' },
      comment: 'Dr Ana lives at Rua X 12',
    });
    const after = (await api('GET', `/doctors/${cast.doctorA.id}/ratings`, null)).json<{
      summary: { count: number };
      items: { id: string; comment: string | null; score: number }[];
    }>();
    expect(after.summary).toEqual(before.summary);
    expect(after.items.find((r) => r.id === id)).toEqual(
      expect.objectContaining({ comment: null, score: 1 }),
    );
    expect(JSON.stringify(after)).not.toContain('Rua X');
    const queue = await api('GET', '/admin/ratings?hidden=true', admin);
    // Moderators see who was rated by name, from the list itself.
    expect(queue.json<{ items: { id: string; doctorName: string }[] }>().items).toEqual([
      expect.objectContaining({ id, doctorName: 'Dr Ana Souza' }),
    ]);
    const mine = await api('GET', '/me/ratings', patB);
    expect(mine.json<{ items: object[] }>().items).toEqual([
      expect.objectContaining({ id, commentHidden: true }),
    ]);
    // Undoing the moderation shows the comment again; undoing twice is a conflict.
    expect((await api('DELETE', `/ratings/${id}/hide`, admin)).json()).toMatchObject({ hidden: null });
    const shown = (await api('GET', `/doctors/${cast.doctorA.id}/ratings`, null)).json<{
      items: { id: string; comment: string | null }[];
    }>();
    expect(shown.items.find((r) => r.id === id)?.comment).toBe('Dr Ana lives at Rua X 12');
    const again = await api('DELETE', `/ratings/${id}/hide`, admin);
    expect([again.statusCode, again.json<{ code: string }>().code]).toEqual([409, 'rating.not_hidden']);
  });
});
