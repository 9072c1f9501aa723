import { expect, it, vi } from "vitest";
import { createEventBus } from "../../server/events";
import { createServices } from "../../server/services";
import { startScheduler } from "../../server/services/scheduler";
import { DAY_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { type TestParliament, openBallotOn, publishedMotion, secondedMotion, useParliament } from "../support/parliament";

const ballotRow = (t: TestParliament, id: number) => t.db.selectFrom("ballots").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const motionStatus = async (t: TestParliament, id: number) =>
  (await t.db.selectFrom("motions").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;

/** A fresh process on the same database: new services, new event bus, the same (manual) clock. */
function restart(t: TestParliament, log: string[]) {
  const events = createEventBus();
  const services = createServices({ db: t.db, clock: t.clock, events, rules: t.rules });
  return startScheduler(services, t.db, events, (message) => log.push(message));
}

describeEachDatabase("the scheduler", (dialect) => {
  const t = useParliament(dialect);

  it("on start it closes a ballot that fell due while the server was down, and lapses due motions", async () => {
    const voting = await secondedMotion(t);
    const ballotId = await openBallotOn(t, voting);
    for (const m of [voting.proposer, ...voting.members]) await t.services.ballots.vote(m, ballotId, { choice: "for" });
    const unseconded = await publishedMotion(t);
    const closesAt = (await ballotRow(t, ballotId)).closes_at!;

    t.clock.advance(t.rules.lapseDays * DAY_MS + DAY_MS); // down for a month
    const log: string[] = [];
    const scheduler = restart(t, log);
    try {
      await vi.waitFor(async () => {
        expect((await ballotRow(t, ballotId)).status).toBe("closed");
        expect(await motionStatus(t, unseconded.motionId)).toBe("lapsed");
      }, { timeout: 10_000 });
    } finally {
      await scheduler.stop();
    }
    expect(await ballotRow(t, ballotId)).toMatchObject({ closed_at: closesAt, closed_by: null, outcome: "carried" });
    expect(await motionStatus(t, voting.motionId)).toBe("carried");
    expect(log).toEqual(["scheduler: closed 1 ballot(s)", "scheduler: lapsed 1 motion(s)"]);
    expect((await t.services.audit.verify()).ok).toBe(true);
  });

  it("leaves alone what is not yet due", async () => {
    const voting = await secondedMotion(t);
    const ballotId = await openBallotOn(t, voting);
    const unseconded = await publishedMotion(t);
    t.clock.advance(DAY_MS);
    const log: string[] = [];
    const scheduler = restart(t, log);
    await scheduler.stop();
    expect((await ballotRow(t, ballotId)).status).toBe("open");
    expect(await motionStatus(t, unseconded.motionId)).toBe("open");
    expect(log).toEqual([]);
  });

  it("stops cleanly, even straight after starting", async () => {
    const scheduler = restart(t, []);
    await expect(scheduler.stop()).resolves.toBeUndefined();
    await expect(scheduler.stop()).resolves.toBeUndefined();
  });
});

describeEachDatabase("the scheduler's timers", (dialect) => {
  const t = useParliament(dialect);

  it("leaves no timer behind when events re-arm it while it is already arming", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    // A distinctive wait, so the scheduler's timers can be told apart from any other.
    await t.db.updateTable("ballots").set({ closes_at: t.clock.now() + 12_345 }).where("id", "=", ballotId).execute();
    const set = vi.spyOn(globalThis, "setTimeout");
    const clear = vi.spyOn(globalThis, "clearTimeout");
    try {
      const events = createEventBus();
      const services = createServices({ db: t.db, clock: t.clock, events, rules: t.rules });
      const scheduler = startScheduler(services, t.db, events, () => {});
      events.emit({ type: "ballot:opened", motionId: scene.motionId, ballotId });
      events.emit({ type: "motion:published", motionId: scene.motionId, number: scene.number });
      const schedulerTimers = () => set.mock.calls.flatMap((call, i) => (call[1] === 12_350 ? [set.mock.results[i].value] : []));
      await vi.waitFor(() => expect(schedulerTimers()).toHaveLength(3), { timeout: 10_000 });
      await scheduler.stop();
      const cleared = new Set(clear.mock.calls.map((call) => call[0]));
      for (const timer of schedulerTimers()) expect(cleared.has(timer)).toBe(true);
    } finally {
      set.mockRestore();
      clear.mockRestore();
    }
  });
});
