import { expect, it } from "vitest";
import { createEventBus, type DomainEvent } from "../../server/events";
import { DAY_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { openBallotOn, publishedMotion, secondedMotion, useParliament } from "../support/parliament";

it("a listener that throws does not stop the other listeners, and its error is reported", () => {
  const reported: unknown[] = [];
  const bus = createEventBus((error) => reported.push(error));
  const seen: DomainEvent[] = [];
  bus.on(() => {
    throw new Error("listener broke");
  });
  bus.on((e) => seen.push(e));
  bus.emit({ type: "sitting:changed", sittingId: 1 });
  expect(seen).toEqual([{ type: "sitting:changed", sittingId: 1 }]);
  expect(reported).toEqual([new Error("listener broke")]);
});

describeEachDatabase("deadline sweeps and numbering", (dialect) => {
  const t = useParliament(dialect, { timeZone: "Pacific/Auckland" });

  it("motion numbers follow the parliament's own calendar year", async () => {
    // 31 December 2026 at 12:00 UTC is already 1 January 2027 in Auckland.
    t.clock.set(Date.UTC(2026, 11, 31, 12, 0));
    const scene = await publishedMotion(t);
    expect(scene.number).toBe("M-2027-001");
  });

  it("one ballot that cannot close does not keep the others open", async () => {
    const first = await secondedMotion(t);
    const second = await secondedMotion(t);
    const broken = await openBallotOn(t, first);
    const healthy = await openBallotOn(t, second);
    // Damage the first ballot's motion so closing it must fail.
    await t.db.updateTable("motions").set({ status: "withdrawn" }).where("id", "=", first.motionId).execute();
    t.clock.advance(8 * DAY_MS);
    await expect(t.services.ballots.closeDue()).rejects.toThrow(/1 ballot closing\(s\) failed/);
    const statuses = await t.db.selectFrom("ballots").select(["id", "status"]).orderBy("id").execute();
    expect(statuses).toEqual([
      { id: broken, status: "open" },
      { id: healthy, status: "closed" },
    ]);
  });
});
