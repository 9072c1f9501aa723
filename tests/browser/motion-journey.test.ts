// A motion's whole journey in Chromium, done the way people do it: each person in their own
// browser, signing in at /login and using the page's own forms. The proposer raises it, two
// members second it, members talk it over, the chair puts it to a vote and closes it, and the
// commissioner answers in public. Axe checks every page anyone sees on the way.
import type { Locator, Page } from "playwright-core";
import { expect, it } from "vitest";
import { browserUnavailable, expectNoAxeViolations, useBrowser, watchForPageErrors } from "../support/browser";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createBody, createMember, createPerson } from "../support/factories";
import { useTestServer } from "../support/server";

const skip = browserUnavailable();

describeEachDatabase("a motion's journey from raising to the commissioner's response, in Chromium", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const browser = useBrowser(skip);
  /** console errors and page errors, one list per browser page opened */
  const pageErrors: string[][] = [];

  const url = (path: string) => `${holder.server.url}${path}`;

  /** A fresh browser context: nobody else's cookies, and every console error collected. */
  async function newVisitor(): Promise<Page> {
    const page = await (await browser().newContext()).newPage();
    pageErrors.push(watchForPageErrors(page));
    return page;
  }

  /** Go somewhere and check it with axe, as every stop on the journey is checked. */
  async function visit(page: Page, path: string, label: string) {
    const response = await page.goto(url(path));
    expect(response?.status(), `${label} answered`).toBe(200);
    await expectNoAxeViolations(page, label);
  }

  /** The green notice a form leaves behind once the page has reloaded its data. */
  const notice = (page: Page) => page.locator("main > .notice");
  async function expectNotice(page: Page, text: string, label: string) {
    await expect.poll(() => notice(page).textContent(), { timeout: 10_000 }).toContain(text);
    await expectNoAxeViolations(page, label);
  }

  async function signIn(person: TestPerson, label: string): Promise<Page> {
    const page = await newVisitor();
    await visit(page, "/login", `/login for ${label}`);
    await page.getByLabel("Email address").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/"),
      page.getByRole("main").getByRole("button", { name: "Sign in" }).click(),
    ]);
    await expectNotice(page, `Welcome back, ${person.displayName}.`, `home, just signed in as ${label}`);
    return page;
  }

  const voting = (page: Page) => page.locator("#voting");
  const record = (page: Page) => page.locator("#record");
  const postBy = (page: Page, name: string): Locator => page.locator("#discussion").getByRole("article", { name: `Post by ${name}` });

  async function vote(page: Page, choice: "For" | "Against", button: "Cast my vote" | "Change my vote", label: string) {
    await voting(page).getByLabel(choice, { exact: true }).check();
    await voting(page).getByRole("button", { name: button }).click();
    await expectNotice(page, `${button === "Cast my vote" ? "Your vote was recorded" : "Your vote was changed"}: ${choice}.`, label);
    await expect.poll(() => voting(page).textContent()).toContain(`Your vote: ${choice}`);
  }

  it.skipIf(skip)(
    "a proposer raises a motion, members second and debate it, the chair runs the vote, and the commissioner answers",
    async () => {
      const db = holder.server.database.db;
      const body = await createBody(db, { name: "Riverside Care Board", responsePeriodDays: 56 });
      const proposer = await createMember(db, { displayName: "Kestrel" });
      const [otter, heron, wren] = [
        await createMember(db, { displayName: "Otter" }),
        await createMember(db, { displayName: "Heron" }),
        await createMember(db, { displayName: "Wren" }),
      ];
      const chair = await createPerson(db, { role: "chair", displayName: "Speaker Rowan" });
      const commissioner = await createPerson(db, { role: "commissioner", bodyId: body.id, displayName: "Commissioner Ash" });
      const title = "Peer support workers in every crisis team";

      // 1. Someone who is not signed in looks around.
      const passerby = await newVisitor();
      await visit(passerby, "/", "home, signed out");
      await visit(passerby, "/motions", "/motions, signed out");
      await visit(passerby, "/login", "/login, signed out");

      // 2. The proposer raises the motion. Forgetting the title is caught and explained first.
      const kestrel = await signIn(proposer, "the proposer");
      await visit(kestrel, "/motions/new", "/motions/new");
      await kestrel.getByLabel("Motion text").fill(
        "This parliament calls on the care board to include a peer support worker in every crisis team.",
      );
      await kestrel.getByLabel("Why this matters").fill("When I was in crisis, talking to someone who had been there helped most.");
      await kestrel.getByLabel("Plain-language summary (optional)").fill("Put people with lived experience in crisis teams.");
      await kestrel.getByLabel("Topics (optional)").fill("crisis care, peer support");
      await kestrel.getByLabel("Commissioning body").selectOption({ label: body.name });
      await kestrel.getByRole("button", { name: "Publish now" }).click();
      await expect.poll(() => kestrel.locator("main").textContent()).toContain("Title is required.");
      expect(new URL(kestrel.url()).pathname).toBe("/motions/new");
      await expectNoAxeViolations(kestrel, "/motions/new with a missing title");

      await kestrel.getByLabel("Title").fill(title);
      await Promise.all([
        kestrel.waitForURL((u) => /^\/motions\/M-\d{4}-\d{3,}$/.test(u.pathname)),
        kestrel.getByRole("button", { name: "Publish now" }).click(),
      ]);
      const path = new URL(kestrel.url()).pathname;
      const number = decodeURIComponent(path.split("/").pop()!);
      await expectNotice(kestrel, `Your motion ${number} is published.`, "the new motion's page");
      expect(await kestrel.getByRole("heading", { level: 1 }).textContent()).toBe(`${number}: ${title}`);

      // 3. Two other members second it from the motion page.
      const otterPage = await signIn(otter, "Otter");
      await visit(otterPage, path, "the motion page for Otter");
      await otterPage.getByRole("button", { name: "Second this motion" }).click();
      await expectNotice(otterPage, "Thank you. You seconded this motion.", "the motion page after Otter seconded");

      const heronPage = await signIn(heron, "Heron");
      await visit(heronPage, path, "the motion page for Heron");
      await heronPage.getByRole("button", { name: "Second this motion" }).click();
      await expectNotice(heronPage, "it now has enough seconders to go to a vote", "the motion page after Heron seconded");
      expect(await heronPage.locator(".motion-header .tags").textContent()).toContain("Seconded");
      expect(await heronPage.locator("#seconding").textContent()).toContain("Seconded by Otter and Heron (2 of 2 needed).");

      // 4. Otter starts the discussion and Heron replies with a question.
      await otterPage.reload();
      await expectNoAxeViolations(otterPage, "the seconded motion for Otter");
      const newPost = otterPage.locator("#new-post");
      await newPost.getByLabel("For", { exact: true }).check();
      await newPost.getByLabel("Your post").fill("Peer workers kept me out of hospital twice. I support this.");
      await newPost.getByRole("button", { name: "Post", exact: true }).click();
      await expectNotice(otterPage, "Your post is now part of the discussion.", "the motion page after Otter posted");

      await heronPage.reload();
      const otterPost = postBy(heronPage, "Otter");
      await otterPost.locator("summary", { hasText: "Reply" }).click();
      await expectNoAxeViolations(heronPage, "the motion page with Heron's reply box open");
      await otterPost.getByLabel("Question").check();
      await otterPost.getByLabel("Your reply").fill("Would they be paid the same as other crisis staff?");
      await otterPost.getByRole("button", { name: "Post reply" }).click();
      await expectNotice(heronPage, "Your reply is now part of the discussion.", "the motion page after Heron replied");
      expect(await postBy(heronPage, "Heron").textContent()).toContain("Would they be paid the same as other crisis staff?");

      // 5. The chair puts it to a recorded vote needing a simple majority.
      const rowan = await signIn(chair, "the chair");
      await visit(rowan, path, "the motion page for the chair");
      await rowan.getByLabel("Recorded vote.").check();
      await rowan.getByLabel("Simple majority").check();
      await rowan.getByRole("button", { name: "Open the vote" }).click();
      await expectNotice(rowan, "Voting is open.", "the motion page after the chair opened the vote");
      expect(await rowan.locator(".motion-header .tags").textContent()).toContain("Voting");

      // 6. Members vote For; Wren changes to Against and then back.
      const wrenPage = await signIn(wren, "Wren");
      for (const [page, name] of [
        [otterPage, "Otter"],
        [heronPage, "Heron"],
        [wrenPage, "Wren"],
      ] as const) {
        await visit(page, path, `the open vote for ${name}`);
        await vote(page, "For", "Cast my vote", `the motion page after ${name} voted`);
      }
      await vote(wrenPage, "Against", "Change my vote", "the motion page after Wren changed to Against");
      await vote(wrenPage, "For", "Change my vote", "the motion page after Wren changed back to For");

      // 7. The chair closes voting early, confirming first.
      await visit(rowan, path, "the open vote for the chair");
      await voting(rowan).locator("summary", { hasText: "Close voting early" }).click();
      await expectNoAxeViolations(rowan, "the chair's close-voting confirmation");
      await voting(rowan).getByRole("button", { name: "Close voting now" }).click();
      await expectNotice(rowan, "Voting is closed. The result is shown below.", "the motion page after the vote closed");
      const result = await voting(rowan).textContent();
      expect(result).toContain("Result: Carried.");
      expect(result).toContain("3 of 4 members voted; 1 was needed for quorum.");
      expect(result).toContain("For 3, against 0, abstentions 0: a simple majority for the motion.");
      expect(result).toContain("Simple majority (more for than against)");
      expect(result).toContain("1 vote needed for the result to count");
      const roll = voting(rowan).getByRole("table", { name: "How each member voted" });
      for (const name of ["Heron", "Otter", "Wren"]) {
        expect(await roll.getByRole("row", { name: `${name} For` }).count(), `${name} in the roll`).toBe(1);
      }
      expect(await rowan.locator(".motion-header .tags").textContent()).toContain("Carried");
      expect(await rowan.locator("#response").textContent()).toMatch(/Riverside Care Board must respond by \d{1,2} \w+ \d{4}\./);

      // 8. The commissioner publishes the body's response.
      const ash = await signIn(commissioner, "the commissioner");
      await visit(ash, path, "the carried motion for the commissioner");
      await ash.getByLabel("Accept in part.").check();
      await ash
        .getByLabel("Your reasons")
        .fill("We will fund peer support workers in the two busiest crisis teams this year and report on the rest in spring.");
      await ash.getByLabel("Plain-language summary").fill("Two teams now, the others reviewed in spring.");
      const firstAction = ash.getByRole("group", { name: "Action 1" });
      await firstAction.getByLabel("What will be done").fill("Fund peer support workers in the two busiest crisis teams");
      await firstAction.getByLabel("Who is responsible").fill("Crisis services manager");
      await firstAction.getByLabel("Due date").fill("2035-03-31");
      await ash.locator("summary", { hasText: "Publish the response…" }).click();
      await ash.getByRole("button", { name: "Yes, publish the response now" }).click();
      await expectNotice(ash, "Your response is published.", "the motion page after the response");
      const response = ash.locator("#response");
      expect(await response.getByRole("heading", { level: 3 }).first().textContent()).toBe("Accept in part");
      expect(await response.textContent()).toContain("the two busiest crisis teams");
      const timeline = await record(ash).textContent();
      for (const step of [
        `Kestrel published the motion as ${number}.`,
        "Otter seconded the motion (1 of 2 needed).",
        "Heron seconded the motion (2 of 2 needed).",
        "The motion had enough seconders, so it can now go to a vote.",
        "Speaker Rowan opened a recorded vote, needing a simple majority.",
        "The chair closed the vote early. Result: Carried. For 3, against 0, abstain 0",
        "Commissioner Ash published the response from Riverside Care Board: Accept in part. It promises 1 action.",
      ]) {
        expect(timeline, "the timeline").toContain(step);
      }

      // 9. Signed out again, the whole record is there to read, with nothing to press.
      await visit(passerby, path, "the motion page, signed out");
      expect(await passerby.locator("main form").count()).toBe(0);
      expect(await passerby.getByRole("main").getByRole("button").count()).toBe(0);
      expect(await voting(passerby).textContent()).toContain("Result: Carried.");
      expect(await passerby.locator("#response").textContent()).toContain("the two busiest crisis teams");
      expect(await record(passerby).textContent()).toContain("published the response from Riverside Care Board");
      await visit(passerby, "/motions?status=carried", "carried motions, signed out");
      expect(await passerby.getByRole("main").getByRole("link", { name: title }).count()).toBe(1);

      expect(pageErrors.flat()).toEqual([]);
      for (const page of [passerby, kestrel, otterPage, heronPage, wrenPage, rowan, ash]) await page.context().close();
    },
    // About 45 axe runs at a second or so each on a busy two-core machine.
    180_000,
  );
});
