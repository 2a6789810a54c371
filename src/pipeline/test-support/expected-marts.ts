/**
 * Test support: every mart computed again in plain TypeScript straight from the staged CSV files, with no
 * SQL, so the pipeline's models are checked against an independent implementation. Values take the shape
 * the API returns (counts as numbers, DECIMAL and dates as strings).
 */
type Csv = Record<string, string>[];
type Row = Record<string, string | number | null>;

/** RFC 4180 CSV (quoted fields with doubled quotes; no newlines inside fields in these files). */
export function parseCsv(text: string): Csv {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const split = (line: string): string[] => {
    const out: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted && c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) {
        out.push(field);
        field = '';
      } else field += c;
    }
    out.push(field);
    return out;
  };
  const header = split(lines[0]!);
  return lines.slice(1).map((line) => {
    const values = split(line);
    return Object.fromEntries(header.map((h, i) => [h, values[i] ?? '']));
  });
}

export interface Inputs {
  doctors: Csv;
  patients: Csv;
  appointments: Csv;
  records: Csv;
}

const month = (date: string) => `${date.slice(0, 7)}-01`;
const cents = (value: string) => Math.round(Number(value) * 100);
const money = (c: number) => (c / 100).toFixed(2);
const round = (x: number, places: number) => (Math.round(x * 10 ** places) / 10 ** places).toFixed(places);
const days = (a: string, b: string) =>
  (Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const distinct = (items: Csv, column: string) => new Set(items.map((i) => i[column])).size;
const countStatus = (items: Csv, status: string) => items.filter((a) => a.Status === status).length;

type Marts = Record<string, Row[]>;

export function expectedMarts(input: Inputs): Marts {
  return {
    ...appointmentMarts(input),
    ...doctorMarts(input),
    ...conditionMarts(input),
    ...noShowMarts(input),
  };
}

const outcomes = (list: Csv) => ({
  appointments: list.length,
  completed: countStatus(list, 'completed'),
  no_shows: countStatus(list, 'no_show'),
});

function appointmentMarts(input: Inputs): Marts {
  const appts = input.appointments;
  const active = distinct(appts, 'PatientID');
  return {
    monthly_aggregates: [...groupBy(appts, (a) => month(a.AppointmentDay!))].map(([m, list]) => ({
      month: m,
      ...outcomes(list),
      cancelled: countStatus(list, 'cancelled'),
      patients: distinct(list, 'PatientID'),
      doctors: distinct(list, 'DoctorID'),
    })),
    appointments_per_doctor_day: [...groupBy(appts, (a) => `${a.DoctorID!}|${a.AppointmentDay!}`)].map(
      ([, list]) => ({
        doctor_id: Number(list[0]!.DoctorID),
        day: list[0]!.AppointmentDay!,
        ...outcomes(list),
      }),
    ),
    appointments_per_patient: [
      {
        patients: input.patients.length,
        patients_with_appointments: active,
        appointments: appts.length,
        avg_per_patient: round(appts.length / input.patients.length, 4),
        avg_per_active_patient: round(appts.length / active, 4),
      },
    ],
  };
}

function doctorMarts(input: Inputs): Marts {
  const doctor = new Map(input.doctors.map((d) => [d.DoctorID!, d]));
  const recordsByDoctor = groupBy(input.records, (r) => r.DoctorID!);
  const apptsByDoctor = groupBy(input.appointments, (a) => a.DoctorID!);
  const billed = (list: Csv) => list.reduce((s, r) => s + cents(r.LastBilling!), 0);
  return {
    doctor_performance: input.doctors.map((d) => {
      const list = apptsByDoctor.get(d.DoctorID!) ?? [];
      return {
        doctor_id: Number(d.DoctorID),
        doctor_name: d.DoctorName!,
        specialty: d.Specialty!,
        clinic_id: Number(d.ClinicID),
        ...outcomes(list),
        patients: distinct(list, 'PatientID'),
        total_billing: money(billed(recordsByDoctor.get(d.DoctorID!) ?? [])),
      };
    }),
    billing_per_patient_doctor: [...recordsByDoctor].map(([id, list]) => {
      const patients = distinct(list, 'PatientID');
      return {
        doctor_id: Number(id),
        doctor_name: doctor.get(id)!.DoctorName!,
        specialty: doctor.get(id)!.Specialty!,
        patients,
        total_billing: money(billed(list)),
        avg_billing_per_patient: round(billed(list) / 100 / patients, 2),
      };
    }),
  };
}

function conditionMarts(input: Inputs): Marts {
  const specialty = new Map(input.doctors.map((d) => [d.DoctorID!, d.Specialty!]));
  const rank1 = new Map(
    input.records.filter((r) => r.DiagnosisRank === '1').map((r) => [r.AppointmentID!, r]),
  );
  const completed = input.appointments.filter((a) => a.Status === 'completed');
  const counts = (list: Csv) => ({
    icd10_code: list[0]!.ICD10Code!,
    diagnosis: list[0]!.HealthDisease!,
    diagnoses: list.length,
    patients: distinct(list, 'PatientID'),
  });
  return {
    patient_doctor_interactions: [...groupBy(completed, (a) => `${a.PatientID!}/${a.DoctorID!}`)].map(
      ([, list]) => {
        const last = list.reduce((a, b) => (Date.parse(b.StartsAt!) > Date.parse(a.StartsAt!) ? b : a));
        const diagnosis = rank1.get(last.AppointmentID!);
        return {
          patient_id: Number(last.PatientID),
          doctor_id: Number(last.DoctorID),
          visits: list.length,
          last_appointment_id: Number(last.AppointmentID),
          last_visit_date: last.AppointmentDay!,
          last_icd10_code: diagnosis?.ICD10Code ?? null,
          last_diagnosis: diagnosis?.HealthDisease ?? null,
        };
      },
    ),
    conditions_per_month: [
      ...groupBy(input.records, (r) => `${month(r.LastReportDate!)}|${r.ICD10Code!}`),
    ].map(([, list]) => ({ month: month(list[0]!.LastReportDate!), ...counts(list) })),
    conditions_by_specialty: [
      ...groupBy(input.records, (r) => `${specialty.get(r.DoctorID!)!}|${r.ICD10Code!}`),
    ].map(([, list]) => ({ specialty: specialty.get(list[0]!.DoctorID!)!, ...counts(list) })),
  };
}

const LEAD = ['same day', '1-2 days', '3-7 days', '8-14 days', '15-30 days', '31+ days'];
const leadBand = (d: number) => (d === 0 ? 0 : d <= 2 ? 1 : d <= 7 ? 2 : d <= 14 ? 3 : d <= 30 ? 4 : 5);
const ageBand = (age: number) =>
  age >= 80 ? '80+' : `${String(Math.floor(age / 10) * 10)}-${String(Math.floor(age / 10) * 10 + 9)}`;

function noShowMarts(input: Inputs): Marts {
  const patient = new Map(input.patients.map((p) => [p.PatientID!, p]));
  const attendedOrMissed = input.appointments.filter((a) => a.Status !== 'cancelled');
  const rates = (list: Csv) => {
    const noShows = countStatus(list, 'no_show');
    return { appointments: list.length, no_shows: noShows, no_show_rate: round(noShows / list.length, 4) };
  };
  const by = (column: string, key: (a: Csv[number]) => string): Row[] =>
    [...groupBy(attendedOrMissed, key)].map(([k, list]) => ({ [column]: k, ...rates(list) }));
  const lead = (a: Csv[number]) => leadBand(days(a.AppointmentDay!, a.ScheduledDay!.slice(0, 10)));
  return {
    no_show_by_lead_time: [...groupBy(attendedOrMissed, (a) => String(lead(a)))].map(([band, list]) => ({
      band_order: Number(band),
      lead_time: LEAD[Number(band)]!,
      ...rates(list),
    })),
    no_show_by_age_band: by('age_band', (a) => ageBand(Number(patient.get(a.PatientID!)!.Age))),
    no_show_by_neighbourhood: by('neighbourhood', (a) => patient.get(a.PatientID!)!.Neighbourhood!),
  };
}
