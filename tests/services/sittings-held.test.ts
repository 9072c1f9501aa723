// A sitting is dated by when it was held once it has opened: a chair may open one days before the
// time it was scheduled for, and the list of past sittings must follow the record, not the plan.
import { expect, it } from "vitest";
import { DAY_MS, HOUR_MS, epochToZonedLocal } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { useParliament } from "../support/parliament";
import { scheduleInput } from "../support/sittings";
import { createChair } from "../support/factories";

describeEachDatabase("sittings dated by when they were held", (dialect) => {
  const t = useParliament(dialect);
  const startsIn = (days: number) => epochToZonedLocal(t.clock.now() + days * DAY_MS, t.rules.timeZone);

  it("past sittings are listed latest held first, with the times they opened and closed, whatever their scheduled dates", async () => {
    const chair = await createChair(t.db);
    const { sittingId: december } = await t.services.sittings.schedule(chair, scheduleInput(t, { title: "December sitting", startsAt: startsIn(10) }));
    const { sittingId: november } = await t.services.sittings.schedule(chair, scheduleInput(t, { title: "November sitting", startsAt: startsIn(5) }));

    // The December sitting meets first, days early; the November one a day later, also early.
    const decemberOpened = t.clock.now();
    await t.services.sittings.open(chair, december);
    t.clock.advance(2 * HOUR_MS);
    const decemberClosed = t.clock.now();
    await t.services.sittings.close(chair, december);
    t.clock.advance(DAY_MS);
    const novemberOpened = t.clock.now();
    await t.services.sittings.open(chair, november);
    t.clock.advance(HOUR_MS);
    await t.services.sittings.close(chair, november);

    const { past, upcoming } = await t.services.read.sittings();
    expect(upcoming).toEqual([]);
    expect(past.map((s) => s.title)).toEqual(["November sitting", "December sitting"]);
    expect(past[1]).toMatchObject({ openedAt: decemberOpened, closedAt: decemberClosed });
    expect(past[1].startsAt).toBeGreaterThan(decemberOpened + 9 * DAY_MS);
    expect(past[0].openedAt).toBe(novemberOpened);
  });
});
