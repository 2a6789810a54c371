/**
 * The platform tables read as the five Health Synth entities, one keyset page at a time (`id > after ORDER
 * BY id LIMIT n`), so no table is ever held in memory whole. Facts (appointments, diagnoses) are those of
 * clinic-local days before the run date with a final status; dimensions are the live rows as they are now.
 * Local times come out as text with their distance from UTC (formatted in rows.ts). Free text and
 * contact details no model reads (appointment reasons, doctors' e-mail and phone) are not even selected:
 * the staged files must not carry them (decision 0014). Every query runs on the export's one read-only
 * snapshot transaction (`tx`, export.ts).
 *
 * On embedded PGlite a page comes back as ONE JSON text (`json_agg` of the same query's rows): PGlite parses
 * each field of each row in JavaScript, which cost more than the SQL itself, and one `JSON.parse` of the
 * page gives the same values (numbers, booleans, text) for a fraction of that. PostgreSQL's driver parses
 * rows cheaply and building the JSON would cost the server more than it saves, so it gets plain rows.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../server/db/client.ts';
import type { FileName } from '../generate/columns.ts';

export type Raw = Record<string, string | number | boolean | null>;

/** Final statuses only: a visit still `booked`/`checked_in` after its day is not a fact yet. */
const FINAL = sql`('completed', 'no_show', 'cancelled')`;

/** The appointment `a` (clinic `c`) lies on a clinic-local day before `date` and is settled. */
const exported = (date: string): SQL =>
  sql`a.starts_at < (${date}::date::timestamp at time zone c.timezone) and a.status in ${FINAL}`;

/**
 * `<name>_local`: the wall time in the clinic's `zone` as timestamp text (`YYYY-MM-DD HH:MI:SS[.ffffff]`, the
 * ISO DateStyle the `::text` dates here rely on too), and `<name>_shift`: its distance from UTC in seconds
 * (nominal epoch of the wall time minus the instant's). rows.ts cuts and formats them: a text cast and two
 * epochs cost a fraction of `to_char` and an interval per column, which were most of the page's SQL.
 */
const localTime = (column: SQL, name: string, zone: SQL): SQL => sql`
  (${column} at time zone ${zone})::text as ${sql.identifier(`${name}_local`)},
  date_part('epoch', ${column} at time zone ${zone}) - date_part('epoch', ${column})
    as ${sql.identifier(`${name}_shift`)}`;

type Page = (date: string, after: string, n: number) => SQL;

const clinics: Page = (_date, after, n) => sql`
  select c.id::text as page_key, c.id::text as id, c.name, c.neighbourhood, c.address, c.latitude,
    c.longitude, c.timezone, c.capacity, c.emergency_phone, c.closed_on_weekends
  from clinics c where c.id > ${after}::uuid order by c.id limit ${n}`;

const doctors: Page = (_date, after, n) => sql`
  select d.id::text as page_key, d.id::text as id, d.name, d.specialty, d.clinic_id::text as clinic_id,
    d.slot_minutes
  from doctors d where d.id > ${after}::uuid order by d.id limit ${n}`;

/**
 * Age at the run date. VisitDate (the last completed visit) and the home clinic (of the latest attended or
 * missed visit) come from one grouped pass over the page's exported visits, not a lookup per patient.
 */
const patients: Page = (date, after, n) => sql`
  with page as (select * from patients p where p.id > ${after}::uuid order by p.id limit ${n}),
  visits as (
    select a.patient_id,
      max((a.starts_at at time zone c.timezone)::date) filter (where a.status = 'completed') as visit_date,
      (array_agg(a.clinic_id order by a.starts_at desc, a.id desc)
        filter (where a.status <> 'cancelled'))[1] as home_clinic_id
    from appointments a join clinics c on c.id = a.clinic_id
    where a.patient_id in (select id from page) and ${exported(date)}
    group by a.patient_id)
  select p.id::text as page_key, p.id::text as id, p.gender,
    greatest(0, date_part('year', age(${date}::date, p.birth_date)))::int as age,
    p.neighbourhood, p.scholarship, p.hypertension, p.diabetes, p.alcoholism, p.handicap,
    v.visit_date::text as visit_date, v.home_clinic_id::text as home_clinic_id
  from page p left join visits v on v.patient_id = p.id order by p.id`;

/** The clinic zone the appointments page carries along. */
const pageZone = sql`a.timezone`;
/**
 * SMS_received, from the notifications log: true when an `appointment.reminder` went out by SMS (`sent`);
 * false when the visit's reminder deliveries are there without one, or its reminder was not worth sending
 * (booked inside the window); NULL — unknown, not "no" — when neither is known: imported visits (no reminder
 * bookkeeping) and visits whose deliveries notification retention has already deleted (the reminder rows
 * stay with the appointment). One grouped lookup per table per page, through the appointment indexes.
 */
const appointments: Page = (date, after, n) => sql`
  with page as (
    select a.id, a.patient_id, a.doctor_id, a.clinic_id, a.status, a.booked_at, a.starts_at, a.ends_at,
      c.timezone, d.specialty
    from appointments a join clinics c on c.id = a.clinic_id join doctors d on d.id = a.doctor_id
    where a.id > ${after}::uuid and ${exported(date)} order by a.id limit ${n}),
  reminded as (
    select r.appointment_id, bool_or(r.sent) as sent from notification_reminders r
    where r.appointment_id in (select id from page) group by r.appointment_id),
  delivered as (
    select nd.appointment_id, bool_or(nd.channel = 'sms' and nd.status = 'sent') as sms
    from notification_deliveries nd
    where nd.appointment_id in (select id from page) and nd.message = 'appointment.reminder'
    group by nd.appointment_id)
  select a.id::text as page_key, a.id::text as id, a.patient_id::text as patient_id,
    a.doctor_id::text as doctor_id, a.clinic_id::text as clinic_id, a.status, a.specialty,
    ${localTime(sql`a.booked_at`, 'booked', pageZone)}, ${localTime(sql`a.starts_at`, 'starts', pageZone)},
    ${localTime(sql`a.ends_at`, 'ends', pageZone)},
    case when dl.sms then true when dl.appointment_id is not null or not r.sent then false end as sms_received
  from page a left join delivered dl on dl.appointment_id = a.id left join reminded r on r.appointment_id = a.id
  order by a.id`;

/**
 * One row per diagnosis written at an exported visit, paged by encounter (a page holds whole encounters).
 * Rank: order within the encounter (time, then id). The platform bills per encounter, not per diagnosis:
 * the encounter's total goes on rank 1 (rows.ts).
 */
const records: Page = (date, after, n) => sql`
  with page as (
    select e.id, e.appointment_id, a.clinic_id, (a.starts_at at time zone c.timezone)::date as visit_date
    from encounters e join appointments a on a.id = e.appointment_id join clinics c on c.id = a.clinic_id
    where e.id > ${after}::uuid and ${exported(date)}
      and exists (select 1 from diagnoses d where d.encounter_id = e.id)
    order by e.id limit ${n}),
  billing as (
    select b.encounter_id, sum(b.amount)::numeric(14, 2)::text as total from billing_lines b
    where b.encounter_id in (select id from page) group by b.encounter_id)
  select p.id::text as page_key, dx.id::text as id, dx.patient_id::text as patient_id,
    dx.doctor_id::text as doctor_id, p.appointment_id::text as appointment_id,
    p.clinic_id::text as clinic_id, p.visit_date::text as visit_date,
    dx.code, coalesce(i.description, dx.text) as disease,
    row_number() over (partition by dx.encounter_id order by dx.occurred_at, dx.id)::int as rank,
    coalesce(bl.total, '0.00') as encounter_billing
  from page p
  join diagnoses dx on dx.encounter_id = p.id
  left join billing bl on bl.encounter_id = p.id
  left join icd10_codes i on i.code = dx.code
  order by p.id, rank`;

const QUERIES: Record<FileName, Page> = { clinics, doctors, patients, appointments, records };

const FIRST = '00000000-0000-0000-0000-000000000000';

/** The order of a page's rows (the page queries' own ORDER BY, spelled over their output columns). */
const JSON_ORDER: Record<FileName, SQL> = {
  clinics: sql`q.page_key::uuid`,
  doctors: sql`q.page_key::uuid`,
  patients: sql`q.page_key::uuid`,
  appointments: sql`q.page_key::uuid`,
  records: sql`q.page_key::uuid, q.rank`,
};

/**
 * The page's rows as one JSON array (`[]` when there are none), ordered explicitly: an aggregate is not
 * promised its subquery's order, and the keyset cursor and a re-run's bytes both depend on it.
 */
const asJson = (page: SQL, order: SQL): SQL => sql`
  select coalesce(json_agg(q order by ${order}), '[]')::text as page from (${page}) q`;

/** One page's rows: as rows, or (`json`) as one JSON text parsed here. */
async function fetchPage(tx: Tx, entity: FileName, page: SQL, json: boolean): Promise<Raw[]> {
  if (!json) return queryRows<Raw>(tx, page);
  const [result] = await queryRows<{ page: string }>(tx, asJson(page, JSON_ORDER[entity]));
  return JSON.parse(result!.page) as Raw[];
}

/**
 * Every row of an entity for `date`, `pageSize` keys per query (rows for clinics, doctors, patients and
 * appointments; encounters for records). `json`: each page as one JSON text (embedded PGlite). The next
 * page is asked for before this one is handed out, so PostgreSQL computes it while this one is formatted
 * and written (two pages in memory at most; the transaction still runs one query at a time).
 */
export async function* pages(
  tx: Tx,
  entity: FileName,
  date: string,
  pageSize: number,
  json: boolean,
): AsyncGenerator<Raw[]> {
  const fetch = (after: string): Promise<Raw[]> => {
    const page = fetchPage(tx, entity, QUERIES[entity](date, after, pageSize), json);
    // Handled from the start: a prefetch failing while the consumer still writes the previous page must not
    // be an unhandled rejection (that ends the process); awaiting it below still throws its error.
    page.catch(() => undefined);
    return page;
  };
  let next: Promise<Raw[]> | undefined = fetch(FIRST);
  // Stopped early (a failed write), a prefetched page is simply never awaited: its failure is handled above.
  while (next) {
    const rows: Raw[] = await next;
    next = undefined;
    if (new Set(rows.map((r) => r.page_key)).size === pageSize) next = fetch(String(rows.at(-1)!.page_key));
    if (rows.length > 0) yield rows;
  }
}

/** Counts that tell whether there is anything to export for `date`. */
export async function presence(
  tx: Tx,
  date: string,
): Promise<{ clinics: number; doctors: number; appointments: number; unsettled: number }> {
  const [row] = await queryRows<{
    clinics: number;
    doctors: number;
    appointments: number;
    unsettled: number;
  }>(
    tx,
    sql`select (select count(*)::int from clinics) as clinics, (select count(*)::int from doctors) as doctors,
      (select count(*)::int from appointments a join clinics c on c.id = a.clinic_id where ${exported(date)})
        as appointments,
      (select count(*)::int from appointments a join clinics c on c.id = a.clinic_id
        where a.starts_at < (${date}::date::timestamp at time zone c.timezone)
          and a.status not in ${FINAL}) as unsettled`,
  );
  return row!;
}
