import { AppError, notFound } from '../../../core/errors.ts';
import type { Page } from '../../../core/pagination.ts';
import type { Db } from '../../db/client.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import * as repo from './repo.ts';
import type { Doctor, DoctorCreate, DoctorListQuery, DoctorUpdate, SpecialtyList } from './schema.ts';
import { findClinic } from '../clinics/index.ts';
import { ratingSummaries } from '../ratings/index.ts';

/** Directory entries carry their rating summary (one grouped query per page). */
async function withRatings<T extends { id: string }>(
  db: Db,
  rows: T[],
): Promise<(T & Pick<Doctor, 'rating'>)[]> {
  const summaries = await ratingSummaries(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, rating: summaries.get(r.id)! }));
}

export async function listDoctors(db: Db, query: DoctorListQuery): Promise<Page<Doctor>> {
  const rows = await repo.listDoctors(db, {
    specialty: query.specialty,
    clinic: query.clinic,
    q: query.q,
    after: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = toPage(rows, query.limit, (r) => [r.name, r.id]);
  return { items: await withRatings(db, page.items), nextCursor: page.nextCursor };
}

export async function getDoctor(db: Db, idOrCode: string): Promise<Doctor> {
  const row = await repo.findDoctor(db, idOrCode);
  if (!row) throw notFound('doctor.not_found', 'No doctor has this id or code.');
  const [withRating] = await withRatings(db, [row]);
  return withRating!;
}

export async function listSpecialties(db: Db): Promise<SpecialtyList> {
  return { items: await repo.countBySpecialty(db) };
}

async function clinicIdOf(db: Db, ref: string): Promise<string> {
  const clinic = await findClinic(db, ref);
  if (!clinic) {
    throw new AppError(422, 'clinic.not_found', 'Unprocessable content', {
      detail: 'No clinic has this id or code.',
      errors: [{ path: 'body.clinic', message: 'no clinic has this id or code' }],
    });
  }
  return clinic.id;
}

export async function createDoctor(db: Db, input: DoctorCreate): Promise<Doctor> {
  const { clinic, code, ...rest } = input;
  const id = await repo.insertDoctor(db, {
    ...rest,
    clinicId: await clinicIdOf(db, clinic),
    ...(code ? { code } : {}),
  });
  return getDoctor(db, id);
}

export async function updateDoctor(db: Db, idOrCode: string, input: DoctorUpdate): Promise<Doctor> {
  const current = await repo.findDoctorRef(db, idOrCode);
  if (!current) throw notFound('doctor.not_found', 'No doctor has this id or code.');
  const { clinic, ...rest } = input;
  await repo.updateDoctor(db, current.id, {
    ...rest,
    ...(clinic ? { clinicId: await clinicIdOf(db, clinic) } : {}),
  });
  return getDoctor(db, current.id);
}
