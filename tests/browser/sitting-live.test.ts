// The requirement, in Chromium: with two browser contexts (the chair and a member) a live
// ballot runs on the sitting page, and the vote form, the tally and the result arrive without a
// reload; axe reports nothing to fix on the sitting page, before and after the live updates. The
// chair's own steps give one message each, and every sitting screen fits a 375px phone.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { browserUnavailable, expectNoAxeViolations, useBrowser, watchForPageErrors } from "../support/browser";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createBody, createChair, createMember, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

const skip = browserUnavailable();

describeEachDatabase("a live sitting in two browsers", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const browser = useBrowser(skip);

  const db = () => holder.server.database.db;
  const services = () => holder.server.services;

  async function signedInPage(person: TestPerson): Promise<{ page: Page; errors: string[] }> {
    const page = await (await browser().newContext()).newPage();
    const errors = watchForPageErrors(page);
    await page.goto(`${holder.server.url}/login`);
    await page.fill('input[name="email"]', person.email);
    await page.fill('input[name="password"]', person.password);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click('main button[type="submit"]')]);
    return { page, errors };
  }

  /** Each signed-in page ended without a script error; then its browser context closes. */
  async function finish(...sessions: { page: Page; errors: string[] }[]) {
    for (const { page, errors } of sessions) {
      expect(errors).toEqual([]);
      await page.context().close();
    }
  }

  /** Open the sitting page, wait until it is live, and leave a marker that a reload would wipe. */
  async function openLive(page: Page, path: string) {
    await page.goto(`${holder.server.url}${path}`);
    await page.getByText("Live: changes appear as they happen").waitFor();
    await page.evaluate(() => ((window as unknown as { __marker: string }).__marker = "still here"));
  }
  const marker = (page: Page) => page.evaluate(() => (window as unknown as { __marker?: string }).__marker);
  /** Open every <details> so axe also checks the forms inside them. */
  const revealAll = (page: Page) => page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));

  /** A sitting in session with a seconded motion taken up for debate, set up with the services. */
  async function sittingInDebate() {
    const body = await createBody(db());
    const chair = await createChair(db());
    const member = await createMember(db(), { displayName: `Kestrel ${Math.random().toString(36).slice(2, 6)}` });
    const [proposer, seconder] = [await createMember(db()), await createMember(db())];
    const { id: motionId, number } = await services().motions.raise(proposer, motionInput(body.id, { title: "Quiet rooms in every emergency department" }), {
      publish: true,
    });
    await services().motions.second(member, motionId);
    await services().motions.second(seconder, motionId);
    const { sittingId } = await services().sittings.schedule(chair, {
      title: "Live sitting",
      startsAt: epochToZonedLocal(Date.now() + DAY_MS, "Europe/London"),
      onlineLink: "https://meet.example.org/live",
      speakingMinutes: 3,
    });
    await services().sittings.addToAgenda(chair, sittingId, { motionId });
    await services().sittings.open(chair, sittingId);
    const { itemId } = await services().sittings.startNextItem(chair, sittingId);
    return { chair, member, number: number!, sittingId, itemId, path: `/sittings/${sittingId}` };
  }

  it.skipIf(skip)("the chair runs a live ballot; the vote form, the tally and the result arrive without a reload; axe is clean", async () => {
    const s = await sittingInDebate();
    const chair = await signedInPage(s.chair);
    const member = await signedInPage(s.member);
    await openLive(chair.page, s.path);
    await openLive(member.page, s.path);
    await expectNoAxeViolations(member.page, `${s.path} as a member, before the ballot`);

    // The chair opens the ballot from the page; the member's page grows a vote form by itself.
    await chair.page.getByText("Put this motion to a vote…").click();
    await chair.page.getByRole("button", { name: "Open the vote" }).click();
    const memberBallot = member.page.locator("#ballot");
    await memberBallot.getByText("How do you vote?").waitFor();
    await expect.poll(() => member.page.locator(".announcer").textContent()).toContain(`Voting has opened on ${s.number}.`);

    // The member votes over the live connection; the chair's tally moves.
    await memberBallot.getByLabel("For", { exact: true }).check();
    await memberBallot.getByRole("button", { name: "Cast my vote" }).click();
    await memberBallot.getByText("Your vote: For").waitFor();
    const chairBallot = chair.page.locator("#ballot");
    await expect.poll(() => chairBallot.locator(".turnout").textContent()).toBe("1 vote cast so far");
    await expect.poll(() => chairBallot.locator('td[data-choice="for"]').textContent()).toBe("1");

    // Presence shows the member on the chair's page.
    await expect.poll(() => chair.page.locator("#presence").textContent()).toContain(s.member.displayName);
    await revealAll(chair.page);
    await expectNoAxeViolations(chair.page, `${s.path} as the chair, with the ballot open`);
    await expectNoAxeViolations(member.page, `${s.path} as a member, after voting`);

    // The chair closes the ballot (confirming); both pages show the result.
    await chair.page.getByRole("button", { name: "Close voting now" }).click();
    for (const { page } of [chair, member]) {
      const result = page.locator("#result");
      await result.waitFor();
      await expect.poll(() => result.textContent()).toContain(`Result on ${s.number}: Carried`);
      expect(await result.textContent()).toContain("For 1, against 0, abstentions 0: a simple majority for the motion.");
    }
    await expect.poll(() => member.page.locator(".announcer").textContent()).toContain("The motion was carried: 1 for, 0 against");
    await expectNoAxeViolations(chair.page, `${s.path} as the chair, after the result`);
    await expectNoAxeViolations(member.page, `${s.path} as a member, after the result`);

    expect(await marker(chair.page)).toBe("still here");
    expect(await marker(member.page)).toBe("still here");
    await finish(chair, member);
  }, 90_000);

  it.skipIf(skip)("the chair confirms opening early and sees one message; a member hears it; calling the next speaker is offered only when someone waits", async () => {
    const body = await createBody(db());
    const chairPerson = await createChair(db());
    const memberPerson = await createMember(db(), { displayName: `Kestrel ${Math.random().toString(36).slice(2, 6)}` });
    const [proposer, seconder] = [await createMember(db()), await createMember(db())];
    const { id: motionId } = await services().motions.raise(proposer, motionInput(body.id, { title: "Peer workers on the night crisis line" }), { publish: true });
    await services().motions.second(memberPerson, motionId);
    await services().motions.second(seconder, motionId);
    const { sittingId } = await services().sittings.schedule(chairPerson, {
      title: "Early sitting",
      startsAt: epochToZonedLocal(Date.now() + DAY_MS, "Europe/London"),
      place: "Community hall",
    });
    await services().sittings.addToAgenda(chairPerson, sittingId, { motionId });
    const path = `/sittings/${sittingId}`;
    const chair = await signedInPage(chairPerson);
    const member = await signedInPage(memberPerson);
    await openLive(chair.page, path);
    await openLive(member.page, path);

    // A day early: the chair is asked first, then sees the step's one message, not an echo of it.
    expect(await chair.page.getByRole("button", { name: "Open the sitting", exact: true }).count()).toBe(0);
    await chair.page.getByText("Open the sitting early…").click();
    await chair.page.getByRole("button", { name: "Open the sitting now" }).click();
    await chair.page.locator(".notice").getByText("The sitting is open.").waitFor();
    await expect.poll(() => member.page.locator(".announcer").textContent()).toBe("The sitting is now in session.");
    await chair.page.waitForTimeout(1000);
    expect(await chair.page.locator(".announcer").textContent()).toBe("");

    // The queue is empty: no button that would do nothing. It comes when someone asks, live.
    await services().sittings.startNextItem(chairPerson, sittingId);
    const chairSpeakers = chair.page.locator("#speakers");
    await chairSpeakers.getByText("Nobody is waiting to speak.").waitFor();
    expect(await chairSpeakers.getByRole("button", { name: /Call the next speaker/ }).count()).toBe(0);
    await member.page.locator("#speakers").getByRole("button", { name: "Ask to speak" }).click();
    await chairSpeakers.getByRole("button", { name: `Call the next speaker: ${memberPerson.displayName}` }).click();
    await expect.poll(() => chair.page.locator(".announcer").textContent()).toBe(`${memberPerson.displayName} is now speaking.`);
    expect(await chairSpeakers.getByRole("button", { name: /Call the next speaker/ }).count()).toBe(0);
    await expectNoAxeViolations(chair.page, `${path} as the chair, with someone speaking`);

    expect(await marker(member.page)).toBe("still here");
    await finish(chair, member);
  }, 90_000);

  it.skipIf(skip)("on a 375px phone the page never scrolls sideways: the live ballot, the list and the minutes with their vote counts", async () => {
    const s = await sittingInDebate();
    const voter = await signedInPage(s.member);
    await voter.page.setViewportSize({ width: 375, height: 800 });
    const fitsPhone = async (label: string) =>
      expect(await voter.page.evaluate(() => document.documentElement.scrollWidth), `${label} fits 375px`).toBeLessThanOrEqual(375);

    const { ballotId } = await services().liveBallots.open(s.chair, { itemId: s.itemId, kind: "recorded", rule: "simple" });
    await services().ballots.vote(s.member, ballotId, { choice: "for" });
    await voter.page.goto(`${holder.server.url}${s.path}`);
    await voter.page.locator("#ballot table.counts").waitFor();
    await fitsPhone(`${s.path} with a ballot open`);

    await services().liveBallots.close(s.chair, { itemId: s.itemId });
    await services().sittings.close(s.chair, s.sittingId);
    await voter.page.goto(`${holder.server.url}${s.path}`);
    const counts = voter.page.getByRole("region", { name: `Votes cast on ${s.number}: recorded vote, carried` });
    await counts.locator("table.counts").waitFor();
    await fitsPhone(`${s.path} minutes`);
    expect(await counts.evaluate((box) => box.scrollWidth <= box.clientWidth), "the counts fit their box at 375px").toBe(true);
    await expectNoAxeViolations(voter.page, `${s.path} minutes at 375px`);
    await voter.page.goto(`${holder.server.url}/sittings`);
    await fitsPhone("/sittings");

    await finish(voter);
  }, 90_000);

  it.skipIf(skip)("axe finds nothing to fix on the list, the schedule form, the chair's agenda, the public gallery and the minutes", async () => {
    const s = await sittingInDebate();
    const body = await createBody(db());
    const proposer = await createMember(db());
    const seconders = [await createMember(db()), await createMember(db())];
    const { sittingId: laterId } = await services().sittings.schedule(s.chair, {
      title: "Later sitting",
      startsAt: epochToZonedLocal(Date.now() + 9 * DAY_MS, "Europe/London"),
      place: "Community hall",
    });
    for (const title of ["Plain letters from the community team", "Peer workers on the night crisis line", "Count pets as support"]) {
      const { id } = await services().motions.raise(proposer, motionInput(body.id, { title }), { publish: true });
      for (const m of seconders) await services().motions.second(m, id);
      if (!title.startsWith("Count")) await services().sittings.addToAgenda(s.chair, laterId, { motionId: id });
    }
    await services().sittings.requestToSpeak(s.member, { itemId: s.itemId, kind: "speech" });

    const chair = await signedInPage(s.chair);
    for (const path of ["/sittings", `/sittings/${laterId}`, s.path]) {
      await chair.page.goto(`${holder.server.url}${path}`);
      await revealAll(chair.page);
      await expectNoAxeViolations(chair.page, `${path} as the chair`);
    }
    await chair.page.goto(`${holder.server.url}/sittings/new`);
    await chair.page.getByRole("button", { name: "Schedule the sitting" }).click();
    await chair.page.getByText("Title is required.").waitFor();
    await expectNoAxeViolations(chair.page, "/sittings/new with errors");

    const publicPage = await (await browser().newContext()).newPage();
    const publicErrors = watchForPageErrors(publicPage);
    await publicPage.goto(`${holder.server.url}${s.path}`);
    await publicPage.getByText("Live: changes appear as they happen").waitFor();
    await expectNoAxeViolations(publicPage, `${s.path} for the public`);
    await publicPage.goto(`${holder.server.url}/`);
    await expectNoAxeViolations(publicPage, "the home page with upcoming sittings");

    await services().sittings.close(s.chair, s.sittingId);
    await publicPage.goto(`${holder.server.url}${s.path}`);
    await publicPage.locator("#minutes").waitFor();
    await expectNoAxeViolations(publicPage, `${s.path} minutes`);

    expect(chair.errors).toEqual([]);
    expect(publicErrors).toEqual([]);
    await chair.page.context().close();
    await publicPage.context().close();
  }, 90_000);
});
