// The response clock: a carried motion is owed an answer within its body's response period.
import { DAY_MS } from "./time";

export const DEFAULT_RESPONSE_PERIOD_DAYS = 56; // eight weeks

export function responseDueAt(carriedAt: number, periodDays: number): number {
  return carriedAt + periodDays * DAY_MS;
}

export type ClockState =
  | { state: "due"; daysLeft: number }
  | { state: "overdue"; daysOverdue: number };

/** Whole days left (rounded up) or overdue (rounded down, so a response an hour late reads 0). */
export function responseClock(dueAt: number, now: number): ClockState {
  if (now <= dueAt) return { state: "due", daysLeft: Math.ceil((dueAt - now) / DAY_MS) };
  return { state: "overdue", daysOverdue: Math.floor((now - dueAt) / DAY_MS) };
}

export function isOverdue(dueAt: number | null, now: number): boolean {
  return dueAt !== null && now > dueAt;
}
