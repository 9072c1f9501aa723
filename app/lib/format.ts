// Dates for readers, built from parts so the server and the browser print the same text
// (no hydration mismatch) in the parliament's own time zone.
import { epochToZonedLocal } from "../../server/domain/time";

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

type Parts = { year: string; month: number; day: string; hour: string; minute: string };

// The wall-clock time the date fields use ("2026-11-26T23:30"), taken apart. Working out the
// zone's offset is the costly step, and epochToZonedLocal keeps that once per day.
function parts(epoch: number, timeZone: string): Parts {
  const local = epochToZonedLocal(epoch, timeZone);
  return {
    year: local.slice(0, 4),
    month: Number(local.slice(5, 7)),
    day: String(Number(local.slice(8, 10))),
    hour: local.slice(11, 13),
    minute: local.slice(14, 16),
  };
}

/** 26 November 2026 */
export function formatDate(epoch: number, timeZone: string): string {
  const d = parts(epoch, timeZone);
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

/** 26 November 2026 at 14:05 */
export function formatDateTime(epoch: number, timeZone: string): string {
  const d = parts(epoch, timeZone);
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year} at ${d.hour}:${d.minute}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
