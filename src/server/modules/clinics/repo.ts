import { and, asc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { clinics } from '../../db/schema/index.ts';
import { containsPattern } from '../../db/text.ts';
import { isUuid } from '../../../core/ids.ts';
import type { CursorKey } from '../../http/pagination.ts';

export type ClinicRow = typeof clinics.$inferSelect;

export interface ClinicFilter {
  q?: string | undefined;
  neighbourhood?: string | undefined;
  after?: CursorKey | undefined;
  limit: number;
}

export function listClinics(db: Db, f: ClinicFilter): Promise<ClinicRow[]> {
  const where: (SQL | undefined)[] = [
    f.q ? ilike(clinics.name, containsPattern(f.q)) : undefined,
    f.neighbourhood ? eq(clinics.neighbourhood, f.neighbourhood) : undefined,
    f.after ? sql`(${clinics.name}, ${clinics.id}) > (${f.after[0]}, ${f.after[1]}::uuid)` : undefined,
  ];
  return db
    .select()
    .from(clinics)
    .where(and(...where))
    .orderBy(asc(clinics.name), asc(clinics.id))
    .limit(f.limit);
}

export async function findClinic(db: Db, idOrCode: string): Promise<ClinicRow | undefined> {
  const [row] = await db
    .select()
    .from(clinics)
    .where(isUuid(idOrCode) ? eq(clinics.id, idOrCode) : eq(clinics.code, idOrCode))
    .limit(1);
  return row;
}

export type ClinicInsert = typeof clinics.$inferInsert;

export async function insertClinic(db: Db, values: ClinicInsert): Promise<ClinicRow> {
  const [row] = await db.insert(clinics).values(values).returning();
  return row!;
}

export async function updateClinic(db: Db, id: string, values: Partial<ClinicInsert>): Promise<ClinicRow> {
  const [row] = await db.update(clinics).set(values).where(eq(clinics.id, id)).returning();
  return row!;
}
