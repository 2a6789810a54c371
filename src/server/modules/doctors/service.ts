import { notFound } from '../../../core/errors.ts';
import type { Page } from '../../../core/pagination.ts';
import type { Db } from '../../db/client.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import * as repo from './repo.ts';
import type { Doctor, DoctorListQuery, SpecialtyList } from './schema.ts';

export async function listDoctors(db: Db, query: DoctorListQuery): Promise<Page<Doctor>> {
  const rows = await repo.listDoctors(db, {
    specialty: query.specialty,
    clinic: query.clinic,
    q: query.q,
    after: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  return toPage(rows, query.limit, (r) => [r.name, r.id]);
}

export async function getDoctor(db: Db, idOrCode: string): Promise<Doctor> {
  const row = await repo.findDoctor(db, idOrCode);
  if (!row) throw notFound('doctor.not_found', 'No doctor has this id or code.');
  return row;
}

export async function listSpecialties(db: Db): Promise<SpecialtyList> {
  return { items: await repo.countBySpecialty(db) };
}
