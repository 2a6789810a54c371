-- Appointments of the current partition. lead_days: the appointment's local date minus the local date it
-- was booked on, in the clinic's time zone (as the no-show model defines it). The zone's UTC offset is looked
-- up once per distinct booking hour instead of once per row, and the local date is then plain arithmetic.
WITH appts AS (
  SELECT
    a.*,
    c.time_zone,
    CAST(floor(extract(epoch FROM a."ScheduledDay") / 3600) AS BIGINT) AS booked_hour
  FROM raw.appointments AS a
  LEFT JOIN staging.clinics AS c ON c.clinic_id = a."ClinicID"
  WHERE a.load_date = (SELECT load_date FROM meta.current)
), offsets AS (
  SELECT
    time_zone,
    booked_hour,
    extract(epoch FROM timezone(time_zone, to_timestamp(booked_hour * 3600))) - booked_hour * 3600 AS utc_offset
  FROM (SELECT DISTINCT time_zone, booked_hour FROM appts) AS hours
)
SELECT
  a."AppointmentID" AS appointment_id,
  a."PatientID" AS patient_id,
  a."DoctorID" AS doctor_id,
  a."ClinicID" AS clinic_id,
  a."ScheduledDay" AS scheduled_at,
  a."AppointmentDay" AS appointment_date,
  CAST(date_trunc('month', a."AppointmentDay") AS DATE) AS appointment_month,
  a."StartsAt" AS starts_at,
  a."Status" AS status,
  a."NoShow" AS no_show_answer,
  CAST(a."Status" = 'no_show' AS BOOLEAN) AS no_show,
  a."SMS_received" AS sms_received,
  a."Specialty" AS specialty,
  CAST((a."AppointmentDay" - DATE '1970-01-01')
       - floor((extract(epoch FROM a."ScheduledDay") + o.utc_offset) / 86400) AS INTEGER) AS lead_days
FROM appts AS a
LEFT JOIN offsets AS o ON o.time_zone = a.time_zone AND o.booked_hour = a.booked_hour
