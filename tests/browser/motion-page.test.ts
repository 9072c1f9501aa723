// The motion page in Chromium: axe finds nothing to fix, signed out or with every form shown,
// and with JavaScript on the same forms work without a full page load and empty themselves.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { browserUnavailable, expectNoAxeViolations, useBrowser, watchForPageErrors } from "../support/browser";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createBody, createChair, createCommissioner, createMember, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

const skip = browserUnavailable();

describeEachDatabase("the motion page in a browser", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const browser = useBrowser(skip);

  const db = () => holder.server.database.db;
  const services = () => holder.server.services;
  const closingIn = (days: number) => epochToZonedLocal(Date.now() + days * DAY_MS, "Europe/London");

  async function pageFor(person: TestPerson | null): Promise<{ page: Page; errors: string[] }> {
    const page = await (await browser().newContext()).newPage();
    const errors = watchForPageErrors(page);
    if (person) {
      await page.goto(`${holder.server.url}/login`);
      await page.fill('input[name="email"]', person.email);
      await page.fill('input[name="password"]', person.password);
      await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click('main button[type="submit"]')]);
    }
    return { page, errors };
  }

  /** Open every <details> so axe also checks the forms inside them. */
  const revealAll = (page: Page) => page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));

  /** A carried motion with a busy thread: nested, edited, reported, hidden and deleted posts. */
  async function busyCarriedMotion() {
    const body = await createBody(db());
    const [proposer, a, b, c] = [await createMember(db()), await createMember(db()), await createMember(db()), await createMember(db())];
    const chair = await createChair(db());
    const { id, number } = await services().motions.raise(proposer, motionInput(body.id), { publish: true });
    const { postId: first } = await services().threads.post(a, id, { stance: "for", body: "Pets kept me going." });
    const { postId: reply } = await services().threads.post(b, id, { stance: "question", body: "Cats too?", parentId: first });
    await services().threads.post(c, id, { stance: "neutral", body: "Any animal.", parentId: reply });
    await services().threads.edit(a, { postId: first, stance: "for", body: "Pets kept me going, honestly." });
    const { postId: rude } = await services().threads.post(c, id, { stance: "against", body: "Rude words." });
    await services().threads.hide(chair, { postId: rude, reason: "Unkind to another member." });
    const { postId: reported } = await services().threads.post(b, id, { stance: "against", body: "A blunt point." });
    await services().threads.report(a, { postId: reported, reason: "Too blunt." });
    const { postId: gone } = await services().threads.post(a, id, { stance: "for", body: "Never mind." });
    await services().threads.remove(a, { postId: gone });
    await services().motions.second(a, id);
    await services().motions.second(b, id);
    const { ballotId } = await services().ballots.open(chair, id, { kind: "recorded", rule: "simple", closesAt: closingIn(7) });
    for (const m of [a, b, c]) await services().ballots.vote(m, ballotId, { choice: "for" });
    await services().ballots.close(chair, ballotId);
    return { body, proposer, members: [a, b, c], chair, path: `/motions/${number}` };
  }

  it.skipIf(skip)("axe finds nothing to fix, signed out, as the chair, and as the commissioner with every form shown", async () => {
    const s = await busyCarriedMotion();
    const commissioner = await createCommissioner(db(), s.body.id);
    for (const person of [null, s.chair, commissioner, s.members[0]]) {
      const { page, errors } = await pageFor(person);
      await page.goto(`${holder.server.url}${s.path}`);
      await revealAll(page);
      await expectNoAxeViolations(page, `${s.path} as ${person?.role ?? "the public"}`);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  }, 90_000);

  it.skipIf(skip)("axe finds nothing to fix on an open motion with the member's and the proposer's forms", async () => {
    const body = await createBody(db());
    const [proposer, member] = [await createMember(db()), await createMember(db())];
    const { number } = await services().motions.raise(proposer, motionInput(body.id), { publish: true });
    for (const person of [member, proposer]) {
      const { page, errors } = await pageFor(person);
      await page.goto(`${holder.server.url}/motions/${number}`);
      await revealAll(page);
      await expectNoAxeViolations(page, `/motions/${number} as ${person === proposer ? "the proposer" : "a member"}`);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  }, 60_000);

  it.skipIf(skip)("with JavaScript on, a member votes and posts without a full page load, and the post box empties", async () => {
    const body = await createBody(db());
    const [proposer, a, b] = [await createMember(db()), await createMember(db()), await createMember(db())];
    const chair = await createChair(db());
    const { id, number } = await services().motions.raise(proposer, motionInput(body.id), { publish: true });
    await services().motions.second(a, id);
    await services().motions.second(b, id);
    await services().ballots.open(chair, id, { kind: "recorded", rule: "simple", closesAt: closingIn(7) });

    const { page, errors } = await pageFor(a);
    await page.goto(`${holder.server.url}/motions/${number}`);
    await page.waitForLoadState("networkidle");
    // A full page load would replace this marker; a client-side navigation keeps it.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    await page.locator("#voting").getByLabel("For", { exact: true }).check();
    await page.getByRole("button", { name: "Cast my vote" }).click();
    await expect.poll(() => page.locator('[role="status"]').textContent()).toContain("Your vote was recorded: For.");
    expect(await page.locator("#voting").textContent()).toContain("Your vote: For");

    // The first try is refused in the browser; fixing it and pressing Post once is enough.
    const post = page.locator("#new-post");
    await post.getByRole("button", { name: "Post", exact: true }).click();
    await expect.poll(() => post.textContent()).toContain("Choose where you stand: for, against, neutral, or asking a question.");
    await post.getByLabel("Question").check();
    await post.getByLabel("Your post").fill("Would this include assistance dogs?");
    await post.getByRole("button", { name: "Post", exact: true }).click();
    await expect.poll(() => page.locator('[role="status"]').textContent()).toContain("Your post is now part of the discussion.");
    expect(await page.locator(".thread").textContent()).toContain("Would this include assistance dogs?");
    expect(await page.locator("#new-post").getByLabel("Your post").inputValue()).toBe("");

    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
