// Deadlines that pass on their own: online ballots close and unseconded motions lapse at their
// time. On start it catches up on anything that fell due while the server was down.
import type { Services } from "./index";
import type { Db } from "./deps";
import type { EventBus } from "../events";

const MAX_SLEEP_MS = 60_000;
/** After a failed sweep, wait this long before trying the same deadline again (no busy loop). */
const RETRY_MS = 30_000;

async function nextDeadline(db: Db): Promise<number | null> {
  const [ballot, motion] = await Promise.all([
    db.selectFrom("ballots").select((eb) => eb.fn.min("closes_at").as("at")).where("status", "=", "open").executeTakeFirst(),
    db.selectFrom("motions").select((eb) => eb.fn.min("lapses_at").as("at")).where("status", "=", "open").executeTakeFirst(),
  ]);
  const times = [ballot?.at, motion?.at].filter((t): t is number => t !== null && t !== undefined).map(Number);
  return times.length ? Math.min(...times) : null;
}

export function startScheduler(services: Services, db: Db, events: EventBus, log: (message: string) => void) {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  let retryAfter = 0;

  /** Each kind of deadline on its own, so a failure in one does not hold up the other. */
  async function sweep() {
    const jobs = [
      ["closed", "ballot(s)", services.ballots.closeDue],
      ["lapsed", "motion(s)", services.motions.lapseDue],
      ["sent", "response reminder(s)", services.reminders.sendDue],
    ] as const;
    let failed = false;
    for (const [did, what, run] of jobs) {
      try {
        const count = await run();
        if (count) log(`scheduler: ${did} ${count} ${what}`);
      } catch (error) {
        failed = true;
        log(`scheduler: ${(error as Error).message}`);
      }
    }
    retryAfter = failed ? services.clock.now() + RETRY_MS : 0;
  }

  async function arm() {
    if (stopped) return;
    const next = await nextDeadline(db).catch(() => null);
    const due = next === null ? null : Math.max(next, retryAfter);
    const wait = due === null ? MAX_SLEEP_MS : Math.min(Math.max(due - services.clock.now(), 0), MAX_SLEEP_MS);
    if (stopped) return;
    // Several arms may be in flight at once (events arrive while one awaits the database): the
    // last to finish replaces the others' timer, so none is left running after stop().
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      running = sweep().then(arm);
    }, wait + 5);
  }

  // A new ballot or motion may bring the next deadline forward.
  const unsubscribe = events.on((event) => {
    if (event.type === "ballot:opened" || event.type === "motion:published") void arm();
  });

  running = sweep().then(arm);
  return {
    async stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
