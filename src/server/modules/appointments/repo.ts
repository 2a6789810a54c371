import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { appointments } from '../../db/schema/index.ts';

/** A doctor cares for a patient once they have (had) a non-cancelled appointment together. */
export async function hasCareRelationship(
  db: Db | Tx,
  doctorId: string,
  patientId: string,
): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(appointments)
    .where(
      and(
        eq(appointments.doctorId, doctorId),
        eq(appointments.patientId, patientId),
        ne(appointments.status, 'cancelled'),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Subquery of the patient ids a doctor cares for (for filtering patient lists). */
export function patientIdsOfDoctor(db: Db, doctorId: string) {
  return db
    .selectDistinct({ patientId: appointments.patientId })
    .from(appointments)
    .where(and(eq(appointments.doctorId, doctorId), ne(appointments.status, 'cancelled')));
}
