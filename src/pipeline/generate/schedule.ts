/**
 * The booking ledger: how many of each doctor's slots are taken on each day (one byte per doctor-day).
 * A doctor's slots on a day are handed out in a fixed shuffled order, so the k-th booking of a doctor-day
 * always gets a slot no earlier booking got: a doctor can never be double-booked. Patients never get two
 * appointments on one day, so they cannot overlap either. Pure (state lives in the object).
 */
import { createRandom } from '../../server/demo/random.ts';
import { GENERAL_PRACTICE_INDEX } from './specialties.ts';
import { pick, type Picker } from './weighted.ts';
import type { World } from './world.ts';

/** How many days after the wished-for day a patient will accept, before trying another doctor. */
export const MAX_WAIT_DAYS = 28;
const VARIANTS = 4;

export interface Ledger {
  /**
   * Books `doctor` on the first day from `wish` on (wrapping round the period) that the doctor works, has a
   * free slot, and is not in `taken[0..takenCount)`. Returns `day * 1440 + minute`, or −1 when none.
   */
  book(doctor: number, wish: number, taken: Int32Array, takenCount: number): number;
  /**
   * Of two draws from a picker of doctors, the one with more room left (fewer bookings per weekly slot):
   * the "power of two choices", which keeps every doctor's load close to the average.
   */
  chooseDoctor(picker: Picker, u1: number, u2: number): number;
  /** The same for a picker of clinics, by the load of their general practitioners. */
  chooseClinic(picker: Picker, u1: number, u2: number): number;
}

export function createLedger(world: World, seed: number): Ledger {
  const { days } = world.settings;
  const { slotFrom, slotCount, slotMinute, calendar } = world;
  const fill = new Uint8Array(world.doctors.length * days);
  const weekdays = Uint8Array.from({ length: days }, (_, d) => calendar.weekday(d));
  const orders = slotOrders(slotCount, seed);
  const doctorBooked = new Float64Array(world.doctors.length);
  const familyBooked = new Float64Array(world.clinics.length);
  const family = Uint8Array.from(world.doctors, (d) => (d.specialty === GENERAL_PRACTICE_INDEX ? 1 : 0));
  const { doctorClinic, doctorWeeklySlots, clinicFamilySlots } = world;
  const lighter = (booked: Float64Array, weekly: Float64Array, a: number, b: number): number =>
    booked[a]! * weekly[b]! <= booked[b]! * weekly[a]! ? a : b;
  const isTaken = (day: number, taken: Int32Array, count: number): boolean => {
    for (let i = 0; i < count; i++) if (taken[i] === day) return true;
    return false;
  };
  return {
    book(doctor, wish, taken, takenCount) {
      for (let wait = 0; wait <= MAX_WAIT_DAYS && wait < days; wait++) {
        const day = (wish + wait) % days;
        const grid = doctor * 7 + (weekdays[day] as number);
        const slots = slotCount[grid] as number;
        const cell = doctor * days + day;
        const used = fill[cell] as number;
        if (used >= slots || isTaken(day, taken, takenCount)) continue;
        fill[cell] = used + 1;
        doctorBooked[doctor]! += 1;
        familyBooked[doctorClinic[doctor]!]! += family[doctor]!;
        const order = orders[slots * VARIANTS + ((doctor + day) % VARIANTS)] as Uint8Array;
        return day * 1440 + (slotMinute[(slotFrom[grid] as number) + (order[used] as number)] as number);
      }
      return -1;
    },
    chooseDoctor: (picker, u1, u2) =>
      lighter(doctorBooked, doctorWeeklySlots, pick(picker, u1), pick(picker, u2)),
    chooseClinic: (picker, u1, u2) =>
      lighter(familyBooked, clinicFamilySlots, pick(picker, u1), pick(picker, u2)),
  };
}

/** For every slot count in use, a few shuffled orders of its slots (seeded, so runs are identical). */
function slotOrders(slotCount: Uint8Array, seed: number): Uint8Array[] {
  const random = createRandom(seed ^ 0x5eed5107);
  const orders: Uint8Array[] = [];
  const counts = [...new Set(slotCount)].sort((a, b) => a - b);
  for (const count of counts) {
    for (let v = 0; v < VARIANTS; v++) {
      const order = Uint8Array.from({ length: count }, (_, i) => i);
      for (let i = count - 1; i > 0; i--) {
        const j = random.int(0, i);
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      orders[count * VARIANTS + v] = order;
    }
  }
  return orders;
}
