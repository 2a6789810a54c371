import { notFound } from '../../../core/errors.ts';
import type { Page } from '../../../core/pagination.ts';
import type { Db } from '../../db/client.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import * as repo from './repo.ts';
import type { Clinic, ClinicListQuery } from './schema.ts';

export function toClinic(row: repo.ClinicRow): Clinic {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    neighbourhood: row.neighbourhood,
    address: row.address,
    location:
      row.latitude === null || row.longitude === null
        ? null
        : { latitude: row.latitude, longitude: row.longitude },
    timezone: row.timezone,
    emergencyPhone: row.emergencyPhone,
    closedOnWeekends: row.closedOnWeekends,
    capacity: row.capacity,
  };
}

export async function listClinics(db: Db, query: ClinicListQuery): Promise<Page<Clinic>> {
  const rows = await repo.listClinics(db, {
    q: query.q,
    neighbourhood: query.neighbourhood,
    after: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = toPage(rows, query.limit, (r) => [r.name, r.id]);
  return { items: page.items.map(toClinic), nextCursor: page.nextCursor };
}

export async function getClinic(db: Db, idOrCode: string): Promise<Clinic> {
  const row = await repo.findClinic(db, idOrCode);
  if (!row) throw notFound('clinic.not_found', 'No clinic has this id or code.');
  return toClinic(row);
}
