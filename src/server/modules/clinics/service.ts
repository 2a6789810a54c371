import { notFound } from '../../../core/errors.ts';
import type { Page } from '../../../core/pagination.ts';
import type { Db } from '../../db/client.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import * as repo from './repo.ts';
import type { Clinic, ClinicCreate, ClinicListQuery, ClinicUpdate } from './schema.ts';

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

function columnsOf(input: ClinicUpdate) {
  const { location, ...rest } = input;
  return {
    ...rest,
    ...(location === undefined
      ? {}
      : { latitude: location?.latitude ?? null, longitude: location?.longitude ?? null }),
  };
}

export async function createClinic(db: Db, input: ClinicCreate): Promise<Clinic> {
  const { code, ...rest } = input;
  const row = await repo.insertClinic(db, {
    ...columnsOf(rest),
    ...(code ? { code } : {}),
  } as repo.ClinicInsert);
  return toClinic(row);
}

export async function updateClinic(db: Db, idOrCode: string, input: ClinicUpdate): Promise<Clinic> {
  const current = await repo.findClinic(db, idOrCode);
  if (!current) throw notFound('clinic.not_found', 'No clinic has this id or code.');
  return toClinic(await repo.updateClinic(db, current.id, columnsOf(input)));
}
