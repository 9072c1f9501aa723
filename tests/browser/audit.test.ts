// The audit log in Chromium: axe finds nothing to fix on a busy page with every fingerprint shown,
// on an older page, and on the page that explains a filter it cannot use; the filter form works.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DAY_MS } from "../../server/domain/time";
import { appendAudit } from "../../server/services/audit";
import { browserUnavailable, expectNoAxeViolations, launchBrowser, watchForPageErrors } from "../support/browser";
import { manualClock } from "../support/clock";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createChair } from "../support/factories";
import { type TestParliament, closingIn, openBallotOn, secondedMotion } from "../support/parliament";
import { useTestServer } from "../support/server";

const skip = browserUnavailable();

describeEachDatabase("the audit log in a browser", (dialect) => {
  const clock = manualClock();
  const holder = useTestServer(dialect, { clock });
  let browser: Browser;
  let motionNumber = "";
  beforeAll(async () => {
    if (skip) return;
    browser = await launchBrowser();
    const s = holder.server;
    const t = { db: s.database.db, services: s.services, clock, rules: s.services.rules } as TestParliament;
    const scene = await secondedMotion(t);
    motionNumber = scene.number;
    const ballotId = await openBallotOn(t, scene, "secret");
    for (const m of scene.members) await t.services.ballots.vote(m, ballotId, { choice: "for" });
    clock.advance(8 * DAY_MS);
    await t.services.ballots.closeDue();
    await t.services.sittings.schedule(await createChair(t.db), { title: "Spring sitting", startsAt: closingIn(t, 2), place: "Library" });
    await t.services.bodies.create(await createAdmin(t.db), { name: "Harbour Wellbeing Board", responsePeriodDays: 30 });
    await t.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 60; i++) {
        await appendAudit(trx, clock.now(), { type: "motion.seconded", actorId: scene.members[0].id, subjectType: "motion", subjectId: scene.motionId, motionId: scene.motionId, payload: { number: scene.number, seconds: i } });
      }
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.skipIf(skip)("axe finds nothing to fix: newest entries with every fingerprint open, an older page, and a refused filter", async () => {
    const page = await (await browser.newContext()).newPage();
    const errors = watchForPageErrors(page);
    await page.goto(`${holder.server.url}/audit`);
    expect(await page.title()).toMatch(/^Public audit log · /);
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    await expectNoAxeViolations(page, "/audit");

    await Promise.all([page.waitForURL(/before=/), page.getByRole("link", { name: "Older entries →" }).click()]);
    await expectNoAxeViolations(page, "/audit, older entries");
    expect(await page.title()).toMatch(/^Public audit log, entries \d+ to \d+ · /);

    const refused = await page.goto(`${holder.server.url}/audit?type=nothing&from=2026-02-30`);
    expect(refused?.status()).toBe(400);
    await expectNoAxeViolations(page, "/audit with filters it cannot use");
    expect(errors.filter((e) => !e.includes("400"))).toEqual([]);
    await page.context().close();
  }, 90_000);

  it.skipIf(skip)("the filter form narrows the list and keeps its choices", async () => {
    const page = await (await browser.newContext()).newPage();
    const errors = watchForPageErrors(page);
    await page.goto(`${holder.server.url}/audit`);
    await page.getByLabel("What happened").selectOption("vote.cast");
    await page.getByLabel("Motion number").fill(motionNumber);
    await Promise.all([page.waitForURL(/type=vote\.cast/), page.getByRole("button", { name: "Show entries" }).click()]);
    await expect.poll(() => page.locator("ol.audit-entries > li").count()).toBe(4);
    expect(await page.getByLabel("What happened").inputValue()).toBe("vote.cast");
    expect(await page.getByLabel("Motion number").inputValue()).toBe(motionNumber);
    expect(await page.locator("ol.audit-entries").innerText()).toContain("A secret vote was cast on motion");
    await expectNoAxeViolations(page, "/audit filtered");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);
});
