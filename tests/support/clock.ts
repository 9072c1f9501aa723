import { calendarDate } from "../../server/domain/schemas/accountability";
import { type Clock, DAY_MS } from "../../server/domain/time";

/** Time under the test's control: tests move it instead of sleeping. */
export interface ManualClock extends Clock {
  set(epoch: number): void;
  advance(ms: number): void;
}

export function manualClock(start = Date.UTC(2026, 2, 2, 10, 0, 0)): ManualClock {
  let t = start;
  return {
    now: () => t,
    set: (epoch) => {
      t = epoch;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** The calendar date `days` after `now` in a time zone, as a date field holds it ("2026-03-12"). */
export function dateAfter(now: number, days: number, timeZone = "Europe/London"): string {
  return calendarDate(now + days * DAY_MS, timeZone);
}
