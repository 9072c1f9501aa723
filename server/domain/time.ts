// Times are UTC epoch milliseconds everywhere inside; these helpers sit at the edges.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

// One formatter per time zone: building one costs far more than using it.
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

// Offsets by UTC day: a zone changes its offset at most a couple of times a year, so a day whose
// first and last seconds share an offset has it throughout, and a page full of dates asks the
// formatter (about 2 µs a time) once per day rather than once per date. A day with a change is
// never cached: its dates are worked out one by one. Bounded; cleared when full.
const dayOffsets = new Map<string, number | null>();

/** Offset of `timeZone` from UTC at instant `epoch`, in milliseconds. */
function zoneOffset(epoch: number, timeZone: string): number {
  const day = Math.floor(epoch / DAY_MS);
  const key = `${timeZone} ${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const first = exactZoneOffset(day * DAY_MS, timeZone);
    offset = first === exactZoneOffset((day + 1) * DAY_MS - 1000, timeZone) ? first : null;
    if (dayOffsets.size >= 20_000) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset ?? exactZoneOffset(epoch, timeZone);
}

function exactZoneOffset(epoch: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(epoch));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(epoch / 1000) * 1000;
}

/**
 * A `datetime-local` value ("2026-12-01T18:00") read as wall-clock time in `timeZone`.
 * Returns null when the text is not such a value.
 */
export function zonedLocalToEpoch(local: string, timeZone: string): number | null {
  const m = localPattern.exec(local);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s || 0);
  if (Number.isNaN(wall)) return null;
  // Date.UTC rolls 30 February over into March and 24:00 into tomorrow; a real date and time
  // must come back out exactly as it went in.
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    check.getUTCHours() !== h ||
    check.getUTCMinutes() !== mi ||
    check.getUTCSeconds() !== (s || 0)
  ) {
    return null;
  }
  // Two passes settle the offset either side of a daylight-saving change.
  let epoch = wall - zoneOffset(wall, timeZone);
  epoch = wall - zoneOffset(epoch, timeZone);
  return epoch;
}

/** The calendar year at `epoch` in `timeZone` (New Year's Eve in London is not yet next year). */
export function zonedYear(epoch: number, timeZone: string): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric" }).format(new Date(epoch)));
}

/** The inverse, for filling a `datetime-local` input. */
export function epochToZonedLocal(epoch: number, timeZone: string): string {
  const shifted = new Date(epoch + zoneOffset(epoch, timeZone));
  return shifted.toISOString().slice(0, 16);
}
