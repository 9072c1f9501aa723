// Deadlines that pass on their own: online ballots close and unseconded motions lapse at their
// time. On start it catches up on anything that fell due while the server was down.
import type { Services } from "./index";
import type { Db } from "./deps";
import type { EventBus } from "../events";

const MAX_SLEEP_MS = 60_000;

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

  async function sweep() {
    try {
      const closed = await services.ballots.closeDue();
      const lapsed = await services.motions.lapseDue();
      if (closed || lapsed) log(`scheduler: closed ${closed} ballot(s), lapsed ${lapsed} motion(s)`);
    } catch (error) {
      log(`scheduler: ${(error as Error).message}`);
    }
  }

  async function arm() {
    if (stopped) return;
    const next = await nextDeadline(db).catch(() => null);
    const wait = next === null ? MAX_SLEEP_MS : Math.min(Math.max(next - services.clock.now(), 0), MAX_SLEEP_MS);
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
