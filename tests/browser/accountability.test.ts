// "You said, we did" in Chromium, done the way people do it: a commissioner signs in, answers a
// carried motion on its page with two promised actions, then reports one of them done. A
// visitor who is not signed in sees the accountability page and the body's page count it, and a
// member who follows the motion finds the notices waiting. Axe checks every page on the way.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { defaultRules } from "../../server/services/deps";
import { browserUnavailable, expectNoAxeViolations, useBrowser, watchForPageErrors } from "../support/browser";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createAdmin, createChair, createCommissioner, createMember, createMembers, motionInput } from "../support/factories";
import { dateAfter } from "../support/clock";
import { useTestServer } from "../support/server";

const skip = browserUnavailable();

/** A calendar date `days` from now, as the commissioner types it. */
const dateIn = (days: number) => dateAfter(Date.now(), days, defaultRules.timeZone);

describeEachDatabase("a commissioner's answer on the public accountability page, in Chromium", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const browser = useBrowser(skip);
  const pageErrors: string[][] = [];

  const url = (path: string) => `${holder.server.url}${path}`;

  async function newVisitor(): Promise<Page> {
    const page = await (await browser().newContext()).newPage();
    pageErrors.push(watchForPageErrors(page));
    return page;
  }

  async function visit(page: Page, path: string, label: string) {
    const response = await page.goto(url(path));
    expect(response?.status(), `${label} answered`).toBe(200);
    await expectNoAxeViolations(page, label);
  }

  async function signIn(person: TestPerson, label: string): Promise<Page> {
    const page = await newVisitor();
    await page.goto(url("/login"));
    await page.getByLabel("Email address").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await Promise.all([page.waitForURL((u) => u.pathname === "/"), page.getByRole("main").getByRole("button", { name: "Sign in" }).click()]);
    await expect.poll(() => page.locator("main > .notice").textContent(), { message: `${label} is welcomed` }).toContain("Welcome back");
    return page;
  }

  async function expectNotice(page: Page, text: string, label: string) {
    await expect.poll(() => page.locator("main > .notice").textContent(), { timeout: 10_000, message: label }).toContain(text);
    await expectNoAxeViolations(page, label);
  }

  /** One body's row of a figures table, read from the cells a screen reader would read. */
  async function row(page: Page, tableId: string, bodyName: string): Promise<string[]> {
    const tr = page.locator(`#${tableId} tbody tr`).filter({ has: page.getByRole("rowheader", { name: bodyName }) });
    return (await tr.locator("td").allTextContents()).map((t) => t.trim());
  }

  it.skipIf(skip)(
    "a commissioner publishes a response with two actions and a progress update, the public accountability page reflects it, and axe reports no violations on the pages visited",
    async () => {
      const db = holder.server.database.db;
      const services = holder.server.services;
      const bodyName = "Riverside Care Board";
      const { bodyId, slug } = await services.bodies.create(await createAdmin(db), {
        name: bodyName,
        description: "Plans and pays for NHS mental health care in Riverside.",
        responsePeriodDays: 56,
        contact: "answers@riverside.example",
      });
      const commissioner = await createCommissioner(db, bodyId);
      const follower = await createMember(db, { displayName: "Kestrel" });
      const [proposer, ...members] = await createMembers(db, 3);
      const chair = await createChair(db);
      const title = "Peer support workers in every crisis team";
      const { id, number } = await services.motions.raise(proposer, motionInput(bodyId, { title }), { publish: true });
      await services.notifications.follow(follower, id);
      for (const m of members.slice(0, 2)) await services.motions.second(m, id);
      const closesAt = epochToZonedLocal(Date.now() + 7 * DAY_MS, defaultRules.timeZone);
      const { ballotId } = await services.ballots.open(chair, id, { kind: "recorded", rule: "simple", closesAt });
      for (const m of [proposer, ...members]) await services.ballots.vote(m, ballotId, { choice: "for" });
      await services.ballots.close(chair, ballotId);
      const path = `/motions/${number}`;

      // 1. Before the answer, the public page shows one carried motion waiting, and no actions.
      const visitor = await newVisitor();
      await visit(visitor, "/accountability", "/accountability before the response");
      expect(await row(visitor, "all-responses-table", bodyName)).toEqual(["1", "1", "0", "0", "1", "0", "None yet"]);
      expect(await row(visitor, "all-actions-table", bodyName)).toEqual(["0", "0", "0", "0"]);
      const chart = visitor.getByRole("img", { name: /Responses to carried motions, by body/ });
      expect(await chart.count()).toBe(1);

      // 2. The commissioner answers on the motion page: accept, with two actions.
      const ash = await signIn(commissioner, "the commissioner");
      await visit(ash, path, "the carried motion for the commissioner");
      const respond = ash.locator("form#respond");
      await respond.getByRole("radio", { name: /^Accept\./ }).check();
      await respond
        .getByRole("textbox", { name: "Your reasons" })
        .fill("We agree that people in crisis should meet someone who has been there. We will recruit and train peer workers.");
      await respond.getByRole("textbox", { name: "Plain-language summary" }).fill("Peer workers join the night crisis team this year.");
      const first = respond.getByRole("group", { name: "Action 1" });
      await first.getByRole("textbox", { name: "What will be done" }).fill("Recruit four peer support workers for the night crisis team");
      await first.getByRole("textbox", { name: "Who is responsible" }).fill("Crisis service manager");
      // A date already past is caught in the browser, beside its field, before anything is sent.
      await first.getByLabel("Due date").fill("2020-01-01");
      const second = respond.getByRole("group", { name: "Action 2" });
      await second.getByRole("textbox", { name: "What will be done" }).fill("Train every crisis worker alongside peer trainers");
      await second.getByRole("textbox", { name: "Who is responsible" }).fill("Workforce development team");
      await second.getByLabel("Due date").fill(dateIn(180));
      // Publishing is permanent: the real button is behind one more deliberate step.
      await respond.locator("summary", { hasText: "Publish the response…" }).click();
      await expectNoAxeViolations(ash, "the response form with its confirmation open");
      await respond.getByRole("button", { name: "Yes, publish the response now" }).click();
      await expect.poll(() => first.textContent()).toContain("The due date must be today or later.");
      expect(await first.getByLabel("Due date").getAttribute("aria-invalid")).toBe("true");
      await first.getByLabel("Due date").fill(dateIn(90));
      await respond.getByRole("button", { name: "Yes, publish the response now" }).click();
      await expectNotice(ash, "Your response is published.", "the motion page after the response");
      expect(await ash.locator("main").textContent()).toContain("Recruit four peer support workers for the night crisis team");

      // 3. A visitor sees the answer counted: on time, and two actions under way.
      await visit(visitor, "/accountability", "/accountability after the response");
      expect(await row(visitor, "all-responses-table", bodyName)).toEqual(["1", "1", "1", "0", "0", "0", "1"]);
      expect(await row(visitor, "all-actions-table", bodyName)).toEqual(["0", "2", "0", "0"]);

      // 4. The commissioner reports the first action done.
      await ash.locator("summary", { hasText: "Report progress on action 1" }).click();
      const update = ash.locator("details[open]", { has: ash.locator("summary", { hasText: "Report progress on action 1" }) });
      await expectNoAxeViolations(ash, "the progress report form");
      await update.getByRole("radio", { name: /^Done\./ }).check();
      await update.getByRole("spinbutton", { name: "Progress, in percent" }).fill("100");
      await update.getByRole("textbox", { name: "What happened" }).fill("Four peer workers started on the night team this week.");
      await update.getByRole("button", { name: "Publish this progress report" }).click();
      await expectNotice(ash, "Your progress update is published.", "the motion page after the progress report");

      // 5. Signed out, the accountability page and the body's page reflect it.
      await visit(visitor, "/accountability", "/accountability after the progress report");
      expect(await row(visitor, "all-responses-table", bodyName)).toEqual(["1", "1", "1", "0", "0", "0", "1"]);
      expect(await row(visitor, "all-actions-table", bodyName)).toEqual(["1", "1", "0", "0"]);
      const actionsChart = visitor.getByRole("img", { name: /Promised actions, by body/ });
      expect(await actionsChart.getAttribute("aria-labelledby")).toBe("all-actions-title all-actions-desc");
      expect(await visitor.locator("#all-actions-desc").textContent()).toContain(`${bodyName}: done 1; in progress 1; overdue 0; dropped 0.`);
      expect(await visitor.locator("section", { has: visitor.locator("#overdue") }).textContent()).toContain("Nothing is overdue at the moment");

      await visitor.getByRole("link", { name: bodyName }).first().click();
      await visitor.waitForURL((u) => u.pathname === `/bodies/${slug}`);
      await expectNoAxeViolations(visitor, "the body's page");
      expect(await visitor.getByRole("heading", { level: 1 }).textContent()).toBe(bodyName);
      expect(await row(visitor, "body-actions-table", bodyName)).toEqual(["1", "1", "0", "0"]);
      const motions = await visitor.locator("section", { has: visitor.locator("#motions") }).textContent();
      expect(motions).toContain(title);
      expect(motions).toContain("Responded on time.");

      // 6. The member who follows the motion finds both notices waiting, unread.
      const kestrel = await signIn(follower, "the follower");
      expect(await kestrel.getByRole("navigation", { name: "Main" }).textContent()).toMatch(/Notifications \(\d+ unread\)/);
      await visit(kestrel, "/notifications", "/notifications for the follower");
      const list = kestrel.getByRole("list", { name: "Your notices, newest first" });
      const newest = await list.getByRole("listitem").first().textContent();
      expect(newest).toContain("Unread");
      expect(newest).toContain("Action update");
      expect(await list.textContent()).toContain("Response published");
      await kestrel.getByRole("button", { name: "Mark all as read" }).click();
      await expectNotice(kestrel, "All your notices are marked as read.", "/notifications after marking all read");
      expect(await kestrel.getByRole("navigation", { name: "Main" }).textContent()).not.toContain("unread");

      expect(pageErrors.flat()).toEqual([]);
      for (const page of [visitor, ash, kestrel]) await page.context().close();
    },
    180_000,
  );

  it.skipIf(skip)(
    "an admin adds a body with JavaScript on: mistakes are caught beside the fields, the new body is listed and the form empties",
    async () => {
      const admin = await signIn(await createAdmin(holder.server.database.db), "the admin");
      await visit(admin, "/admin/bodies", "/admin/bodies");
      const create = admin.locator("form#create-body");
      await create.getByRole("textbox", { name: "Name" }).fill("No");
      await create.getByRole("spinbutton", { name: "Days it has to answer a carried motion" }).fill("3");
      await create.getByRole("button", { name: "Add the body" }).click();
      await expect.poll(() => create.textContent()).toContain("Name needs at least 3 characters.");
      expect(await create.textContent()).toContain("The response period is at least 7 days.");
      await expectNoAxeViolations(admin, "/admin/bodies with mistakes in the new body");

      await create.getByRole("textbox", { name: "Name" }).fill("Eastgate Care Board");
      await create.getByRole("spinbutton", { name: "Days it has to answer a carried motion" }).fill("42");
      await create.getByRole("textbox", { name: "Public contact line (optional)" }).fill("answers@eastgate.example");
      await create.getByRole("button", { name: "Add the body" }).click();
      await expectNotice(admin, "Eastgate Care Board is added.", "/admin/bodies after adding a body");
      expect(await admin.getByRole("list", { name: "Commissioning bodies" }).textContent()).toMatch(
        /Eastgate Care Board\s*Answers within 42 days \(6 weeks\)/,
      );
      expect(await create.getByRole("textbox", { name: "Name" }).inputValue()).toBe("");

      // Every edit form, opened, passes too.
      await admin.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
      await expectNoAxeViolations(admin, "/admin/bodies with every edit form open");
      expect(pageErrors.flat()).toEqual([]);
      await admin.context().close();
    },
    60_000,
  );
});
