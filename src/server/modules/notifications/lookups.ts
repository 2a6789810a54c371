/**
 * Read-only look-ups of who a message is for and what it is about (people, their settings and preferences,
 * appointments, clinics). Notifications join other modules' tables only to read them, in one query per
 * batch, because reminders for 100,000 appointments cannot afford a call per row.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import {
  appointments,
  clinicHolidays,
  clinicNotificationChannels,
  clinics,
  doctors,
  notificationPreferences,
  notificationSettings,
  patients,
  users,
} from '../../db/schema/index.ts';

export interface UserContact {
  userId: string;
  name: string;
  email: string;
  disabled: boolean;
  locale: string | null;
  timezone: string | null;
  quietStart: number | null;
  quietEnd: number | null;
  telegramChatId: string | null;
  phone: string | null;
}

/** Accounts with their settings; the phone comes from the settings, else the patient or doctor record. */
export async function userContacts(db: Db | Tx, userIds: string[]): Promise<Map<string, UserContact>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({
      userId: users.id,
      name: users.displayName,
      email: users.email,
      disabledAt: users.disabledAt,
      locale: notificationSettings.locale,
      timezone: notificationSettings.timezone,
      quietStart: notificationSettings.quietStart,
      quietEnd: notificationSettings.quietEnd,
      telegramChatId: notificationSettings.telegramChatId,
      phone: sql<string | null>`coalesce(${notificationSettings.phone}, ${patients.phone}, ${doctors.phone})`,
    })
    .from(users)
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .leftJoin(patients, eq(patients.userId, users.id))
    .leftJoin(doctors, eq(doctors.userId, users.id))
    .where(inArray(users.id, userIds));
  return new Map(rows.map((r) => [r.userId, { ...r, disabled: r.disabledAt !== null }]));
}

/** Preferences of many recipients: `recipient → "category:channel" → enabled`. */
export async function preferencesOf(
  db: Db | Tx,
  recipients: string[],
): Promise<Map<string, Map<string, boolean>>> {
  const out = new Map<string, Map<string, boolean>>();
  if (recipients.length === 0) return out;
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(inArray(notificationPreferences.recipient, recipients));
  for (const r of rows) {
    const m = out.get(r.recipient) ?? new Map<string, boolean>();
    m.set(`${r.category}:${r.channel}`, r.enabled);
    out.set(r.recipient, m);
  }
  return out;
}

export interface AppointmentView {
  id: string;
  status: string;
  startsAt: Date;
  updatedAt: Date;
  patientId: string;
  patientName: string;
  patientUserId: string | null;
  patientEmail: string | null;
  patientPhone: string | null;
  doctorName: string;
  clinicId: string;
  clinicName: string;
  clinicAddress: string | null;
  clinicPhone: string;
  zone: string;
}

const appointmentColumns = {
  id: appointments.id,
  status: appointments.status,
  startsAt: appointments.startsAt,
  updatedAt: appointments.updatedAt,
  patientId: patients.id,
  patientName: patients.name,
  patientUserId: patients.userId,
  patientEmail: patients.email,
  patientPhone: patients.phone,
  doctorName: doctors.name,
  clinicId: clinics.id,
  clinicName: clinics.name,
  clinicAddress: clinics.address,
  clinicPhone: clinics.emergencyPhone,
  zone: clinics.timezone,
};

const appointmentFrom = (db: Db | Tx) =>
  db
    .select(appointmentColumns)
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .innerJoin(clinics, eq(clinics.id, appointments.clinicId));

export async function appointmentViews(db: Db | Tx, ids: string[]): Promise<Map<string, AppointmentView>> {
  if (ids.length === 0) return new Map();
  const rows = await appointmentFrom(db).where(inArray(appointments.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Booked appointments starting in (from, to] that have no reminder yet for their current start time,
 * in start order after the keyset `after` (start, id).
 */
export async function reminderCandidates(
  db: Db,
  from: Date,
  to: Date,
  after: [Date, string] | undefined,
  limit: number,
): Promise<AppointmentView[]> {
  return appointmentFrom(db)
    .where(
      and(
        eq(appointments.status, 'booked'),
        sql`${appointments.startsAt} > ${from.toISOString()}::timestamptz`,
        sql`${appointments.startsAt} <= ${to.toISOString()}::timestamptz`,
        after
          ? sql`(${appointments.startsAt}, ${appointments.id}) > (${after[0].toISOString()}::timestamptz, ${after[1]}::uuid)`
          : undefined,
        sql`not exists (select 1 from notification_reminders r
              where r.appointment_id = ${appointments.id} and r.starts_at = ${appointments.startsAt})`,
      ),
    )
    .orderBy(appointments.startsAt, appointments.id)
    .limit(limit);
}

/** Doctors by id with their clinic's zone (consent messages name the doctor and use that zone). */
export async function doctorsById(
  db: Db | Tx,
  ids: string[],
): Promise<Map<string, { name: string; zone: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: doctors.id, name: doctors.name, zone: clinics.timezone })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(inArray(doctors.id, ids));
  return new Map(rows.map((r) => [r.id, { name: r.name, zone: r.zone }]));
}

export interface BroadcastClinic {
  id: string;
  name: string;
  zone: string;
  emergencyPhone: string;
  closedOnWeekends: boolean;
  holidays: Map<string, string>;
  channels: { id: string; channel: string; address: string; locale: string }[];
}

/** Clinics with broadcast channels, with their holidays between two dates (local dates, inclusive). */
export async function broadcastClinics(db: Db, fromDate: string, toDate: string): Promise<BroadcastClinic[]> {
  const channelRows = await db.select().from(clinicNotificationChannels);
  if (channelRows.length === 0) return [];
  const ids = [...new Set(channelRows.map((c) => c.clinicId))];
  const clinicRows = await db.select().from(clinics).where(inArray(clinics.id, ids));
  const holidayRows = await queryRows<{ clinic_id: string; day: string; name: string }>(
    db,
    sql`select clinic_id, day::text as day, name from ${clinicHolidays}
        where ${inArray(clinicHolidays.clinicId, ids)} and day between ${fromDate}::date and ${toDate}::date`,
  );
  return clinicRows.map((c) => ({
    id: c.id,
    name: c.name,
    zone: c.timezone,
    emergencyPhone: c.emergencyPhone,
    closedOnWeekends: c.closedOnWeekends,
    holidays: new Map(holidayRows.filter((h) => h.clinic_id === c.id).map((h) => [h.day, h.name])),
    channels: channelRows.filter((ch) => ch.clinicId === c.id),
  }));
}
