/**
 * One patient's booked visits, in reused typed arrays, written out in time order: when each was booked,
 * whether an SMS went out, whether the patient came (the no-show model sees the patient's earlier
 * no-shows), and for attended visits the diagnoses and their billing. Pure: appends CSV text to sinks.
 */
import type { Random } from '../../server/demo/random.ts';
import { encode, type RowBuffer } from './bytes.ts';
import { applyPercent } from './csv.ts';
import type { Doctor } from './facilities.ts';
import type { Sinks } from './generator.ts';
import {
  CANCELLATION_RATE,
  SMS_RATE,
  ageGroup,
  drawLeadDays,
  leadBucket,
  noShowProbability,
} from './noshow.ts';
import type { PatientState } from './patient.ts';
import { PROFILE_COUNT } from './profiles.ts';
import { SPECIALTIES } from './specialties.ts';
import type { Stats } from './stats.ts';
import { pick } from './weighted.ts';
import { COVERS_DIABETES, COVERS_HYPERTENSION, type World } from './world.ts';

const specialty = (name: string): number => SPECIALTIES.findIndex((s) => s.name === name);
const GP = specialty('General Practice');
const CARDIOLOGY = specialty('Cardiology');
const ENDOCRINOLOGY = specialty('Endocrinology');
const PSYCHIATRY = specialty('Psychiatry');

/** Chance a visit that can touch the patient's alcohol dependence records it. */
const ALCOHOLISM_RECORDED = 0.5;
/** Chance the doctor writes down a second finding for the same complaint. */
const SECOND_FINDING = 0.25;
const SATURDAY = 6;

export class VisitWriter {
  readonly world: World;
  readonly random: Random;
  readonly stats: Stats;
  readonly capacity: number;
  readonly day: Int32Array;
  readonly minute: Int32Array;
  readonly doctor: Int32Array;
  readonly reason: Int32Array;
  readonly order: Int32Array;
  count = 0;
  appointmentId = 0;
  recordId = 0;

  constructor(world: World, random: Random, stats: Stats, capacity: number) {
    this.world = world;
    this.random = random;
    this.stats = stats;
    this.capacity = capacity;
    this.day = new Int32Array(capacity);
    this.minute = new Int32Array(capacity);
    this.doctor = new Int32Array(capacity);
    this.reason = new Int32Array(capacity);
    this.order = new Int32Array(capacity);
  }

  reset(): void {
    this.count = 0;
  }

  /** `booked` is the ledger's `day * 1440 + minute`. */
  add(booked: number, doctor: number, reason: number): void {
    const i = this.count++;
    this.day[i] = Math.floor(booked / 1440);
    this.minute[i] = booked % 1440;
    this.doctor[i] = doctor;
    this.reason[i] = reason;
  }

  /** Writes the visits in time order; returns the day of the last attended one, or −1. */
  write(p: PatientState, sinks: Sinks): number {
    this.sortByDay();
    let priorNoShows = 0;
    let lastAttended = -1;
    for (let k = 0; k < this.count; k++) {
      const i = this.order[k]!;
      const outcome = this.writeAppointment(p, i, priorNoShows, sinks);
      if (outcome === NO_SHOW) priorNoShows++;
      if (outcome === COMPLETED) {
        lastAttended = this.day[i]!;
        this.writeRecords(p, i, sinks);
      }
    }
    return lastAttended;
  }

  private sortByDay(): void {
    const { order, day } = this;
    for (let i = 0; i < this.count; i++) {
      const d = day[i]!;
      let j = i;
      while (j > 0 && day[order[j - 1]!]! > d) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = i;
    }
  }

  private writeAppointment(p: PatientState, i: number, prior: number, sinks: Sinks): number {
    const { random, world } = this;
    const day = this.day[i]!;
    const minute = this.minute[i]!;
    const doctor = world.doctors[this.doctor[i]!]!;
    const lead = drawLeadDays(random.next(), random.next());
    const bookedAt = lead === 0 ? Math.max(360, minute - random.int(15, 180)) : random.int(420, 1259);
    const sms = lead >= 2 && random.next() < SMS_RATE;
    const cancelled = random.next() < CANCELLATION_RATE;
    const missed =
      !cancelled && random.next() < noShowProbability(lead, p.age, sms, prior, p.scholarship, p.alcoholism);
    const outcome = cancelled ? CANCELLED : missed ? NO_SHOW : COMPLETED;
    const id = ++this.appointmentId;
    const out = sinks.appointments;
    const { calendar } = world;
    out.row();
    out.uint(id);
    out.comma();
    out.uint(p.id);
    out.comma();
    calendar.writeTimestamp(out, day - lead, bookedAt, random.int(0, 59));
    out.comma();
    calendar.writeDate(out, day);
    out.comma();
    out.bytes(missed ? YES : NO);
    out.comma();
    this.writeVisitColumns(day, minute, doctor, outcome, sms, i, out);
    this.tally(outcome, lead, sms, prior, p.age, calendar.weekday(day) === SATURDAY);
    return outcome;
  }

  private writeVisitColumns(
    day: number,
    minute: number,
    doctor: Doctor,
    outcome: number,
    sms: boolean,
    i: number,
    out: RowBuffer,
  ): void {
    const { world } = this;
    out.uint(doctor.id);
    out.comma();
    out.uint(doctor.clinic + 1);
    out.comma();
    world.calendar.writeTimestamp(out, day, minute, 0);
    out.comma();
    world.calendar.writeTimestamp(out, day, minute + doctor.slotMinutes, 0);
    out.comma();
    out.bytes(STATUS[outcome]!);
    out.comma();
    out.byte(sms ? 0x31 : 0x30);
    out.comma();
    out.bytes(world.specialtyCsv[doctor.specialty]!);
    out.comma();
    out.bytes(world.reasons[this.reason[i]!]!.csv);
    out.end();
  }

  private tally(
    outcome: number,
    lead: number,
    sms: boolean,
    prior: number,
    age: number,
    saturday: boolean,
  ): void {
    const { stats } = this;
    stats.appointments++;
    stats.bookedSlots++;
    if (saturday) stats.saturdayAppointments++;
    if (outcome === CANCELLED) {
      stats.cancelled++;
      return;
    }
    const missed = outcome === NO_SHOW ? 1 : 0;
    stats.noShows += missed;
    const bucket = leadBucket(lead);
    stats.dueByLead[bucket]! += 1;
    stats.noShowByLead[bucket]! += missed;
    if (lead >= 2) {
      stats.dueBySms[sms ? 1 : 0]! += 1;
      stats.noShowBySms[sms ? 1 : 0]! += missed;
    }
    const priorBucket = Math.min(prior, 2);
    stats.dueByPrior[priorBucket]! += 1;
    stats.noShowByPrior[priorBucket]! += missed;
    const group = ageGroup(age);
    stats.dueByAge[group]! += 1;
    stats.noShowByAge[group]! += missed;
  }

  private writeRecords(p: PatientState, i: number, sinks: Sinks): void {
    const { world, random } = this;
    const doctor = world.doctors[this.doctor[i]!]!;
    const s = doctor.specialty;
    const reason = this.reason[i]!;
    const picker = world.diagnosisBy[reason * PROFILE_COUNT + p.profile]!;
    const first = pick(picker, random.next());
    const fee = SPECIALTIES[s]!.feeCents;
    let rank = 1;
    this.writeRecord(p, i, first, fee, rank++, sinks);
    const covers = world.diagnoses[first]!.covers;
    if (p.hypertension && (s === GP || s === CARDIOLOGY) && !(covers & COVERS_HYPERTENSION)) {
      this.writeRecord(p, i, world.chronic.hypertension, 0, rank++, sinks);
    }
    if (p.diabetes && (s === GP || s === ENDOCRINOLOGY) && !(covers & COVERS_DIABETES)) {
      this.writeRecord(p, i, world.chronic.diabetes, 0, rank++, sinks);
    }
    if (p.alcoholism && (s === GP || s === PSYCHIATRY) && random.next() < ALCOHOLISM_RECORDED) {
      this.writeRecord(p, i, world.chronic.alcoholism, 0, rank++, sinks);
    }
    if (picker.items.length > 1 && random.next() < SECOND_FINDING) {
      let second = pick(picker, random.next());
      if (second === first) second = picker.items[(picker.items.indexOf(first) + 1) % picker.items.length]!;
      this.writeRecord(p, i, second, 0, rank, sinks);
    }
  }

  private writeRecord(
    p: PatientState,
    i: number,
    diagnosis: number,
    feeCents: number,
    rank: number,
    sinks: Sinks,
  ): void {
    const { world, stats } = this;
    const doctor = world.doctors[this.doctor[i]!]!;
    const d = world.diagnoses[diagnosis]!;
    const billed = applyPercent(feeCents + d.feeCents, world.clinics[doctor.clinic]!.pricePercent);
    const out = sinks.records;
    out.row();
    out.uint(p.id);
    out.comma();
    out.uint(doctor.id);
    out.comma();
    world.calendar.writeDate(out, this.day[i]!);
    out.comma();
    out.bytes(d.csvDescription);
    out.comma();
    out.decimal(billed, 2, 100);
    out.comma();
    out.uint(++this.recordId);
    out.comma();
    out.uint(this.appointmentId);
    out.comma();
    out.uint(doctor.clinic + 1);
    out.comma();
    out.bytes(d.codeBytes);
    out.comma();
    out.uint(rank);
    out.end();
    stats.records++;
    if (rank === 1) {
      stats.visitsBySpecialty[doctor.specialty]! += 1;
      stats.billingBySpecialty[doctor.specialty]! += billed;
    }
  }
}

const COMPLETED = 0;
const NO_SHOW = 1;
const CANCELLED = 2;
const STATUS = ['completed', 'no_show', 'cancelled'].map(encode);
const YES = encode('Yes');
const NO = encode('No');
