// Two people on the same motion page. One is half-way through a reply, scrolled down the
// thread; the other posts and votes. The reader's page shows the new post and the new tally
// without reloading, says so politely, and leaves their words, focus and scroll alone.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { browserUnavailable, expectNoAxeViolations, useBrowser, watchForPageErrors } from "../support/browser";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createBody, createChair, createMember, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

const skip = browserUnavailable();

type Watched = Window & { __marker?: string; __said?: { text: string; at: number }[] };

describeEachDatabase("new posts and votes appear live on the motion page", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const browser = useBrowser(skip);

  const services = () => holder.server.services;
  const watchers = (motionId: number) => holder.server.realtime.io.sockets.adapter.rooms.get(`motion:${motionId}`)?.size ?? 0;

  async function openAs(person: TestPerson, path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await (await browser().newContext()).newPage();
    const errors = watchForPageErrors(page);
    await page.goto(`${holder.server.url}/login?redirectTo=${encodeURIComponent(path)}`);
    await page.getByLabel("Email address").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.locator("main > .notice").textContent()).toContain(`Welcome back, ${person.displayName}.`);
    expect(new URL(page.url()).pathname).toBe(path);
    // Everything the live region says, with when, so the test can tell repeats and pacing.
    await page.evaluate(() => {
      const w = window as Watched;
      w.__said = [];
      const log = document.querySelector('[role="log"]')!;
      new MutationObserver(() => {
        const text = log.textContent ?? "";
        if (text) w.__said!.push({ text, at: Date.now() });
      }).observe(log, { childList: true, subtree: true, characterData: true });
    });
    return { page, errors };
  }

  const said = (page: Page) => page.evaluate(() => (window as Watched).__said ?? []);
  const turnoutRow = (page: Page) => page.locator("#voting").getByRole("row", { name: /^Turnout/ });

  it.skipIf(skip)(
    "a reader half-way through a reply sees another member's post and vote arrive, without losing their words, focus or place",
    async () => {
      const db = holder.server.database.db;
      const body = await createBody(db);
      const proposer = await createMember(db, { displayName: "Kestrel" });
      const reader = await createMember(db, { displayName: "Wren" });
      const otter = await createMember(db, { displayName: "Otter" });
      const heron = await createMember(db, { displayName: "Heron" });
      const chair = await createChair(db);
      const { id, number } = await services().motions.raise(proposer, motionInput(body.id), { publish: true });
      await services().motions.second(otter, id);
      await services().motions.second(heron, id);
      // A long discussion, so the reader has to scroll down to the post they answer.
      const longWords = "I have thought about this a lot, and I want to say it carefully. ".repeat(8);
      for (const [i, person] of [proposer, otter, heron, proposer, otter, heron].entries()) {
        await services().threads.post(person, id, { stance: i % 2 ? "for" : "neutral", body: `Point ${i + 1}. ${longWords}` });
      }
      const closesAt = epochToZonedLocal(Date.now() + 7 * DAY_MS, "Europe/London");
      const { ballotId } = await services().ballots.open(chair, id, { kind: "recorded", rule: "simple", closesAt });
      const path = `/motions/${number}`;

      const wren = await openAs(reader, path);
      const otterView = await openAs(otter, path);
      await expect.poll(() => watchers(id), { timeout: 10_000 }).toBe(2);

      // Wren scrolls down to Heron's last post and starts a reply.
      const heronsPost = wren.page.locator("#discussion").getByRole("article", { name: "Post by Heron" }).last();
      await heronsPost.locator("summary", { hasText: "Reply" }).click();
      await heronsPost.getByLabel("Question").check();
      const replyBox = heronsPost.getByLabel("Your reply");
      await replyBox.click();
      await wren.page.keyboard.type("I wonder whether we could");
      await wren.page.evaluate(() => ((window as Watched).__marker = "the same page"));
      const scrollY = await wren.page.evaluate(() => window.scrollY);
      expect(scrollY, "Wren scrolled down to the post").toBeGreaterThan(300);
      expect(await turnoutRow(wren.page).textContent()).toContain("0 of 4 members so far");

      // Otter posts from his own page.
      const newPost = otterView.page.locator("#new-post");
      await newPost.getByLabel("Against", { exact: true }).check();
      await newPost.getByLabel("Your post").fill("I worry this will take money from the crisis line.");
      await newPost.getByRole("button", { name: "Post", exact: true }).click();
      await expect.poll(() => otterView.page.locator("main > .notice").textContent()).toContain("Your post is now part of the discussion.");

      // Wren's page shows it without a reload, says so once, and leaves her reply as it was.
      const otterPost = wren.page.locator("#discussion").getByRole("article", { name: "Post by Otter" }).last();
      await expect.poll(() => otterPost.textContent(), { timeout: 10_000 }).toContain("take money from the crisis line");
      await expect.poll(() => said(wren.page)).toEqual([expect.objectContaining({ text: "A new post from Otter." })]);
      expect(await wren.page.getByRole("log").textContent()).toBe("A new post from Otter.");
      expect(await wren.page.evaluate(() => (window as Watched).__marker)).toBe("the same page");
      expect(await replyBox.inputValue()).toBe("I wonder whether we could");
      expect(await replyBox.evaluate((el) => el === document.activeElement), "focus stays in the reply box").toBe(true);
      expect(await wren.page.evaluate(() => window.scrollY)).toBe(scrollY);
      expect(await wren.page.getByRole("link", { name: "Discussion (7)" }).count()).toBe(1);
      // Otter's own page thanked him in its notice; his live region does not repeat it.
      expect((await said(otterView.page)).map((s) => s.text).join(" ")).not.toContain("Otter");

      // Otter votes on his page, then Heron votes elsewhere: Wren's counts change in place at once,
      // and the news is spoken once, a few seconds after the last thing said, with the latest numbers.
      await otterView.page.locator("#voting").getByLabel("For", { exact: true }).check();
      await otterView.page.locator("#voting").getByRole("button", { name: "Cast my vote" }).click();
      await expect.poll(() => turnoutRow(wren.page).textContent(), { timeout: 5_000 }).toContain("1 of 4 members so far");
      await services().ballots.vote(heron, ballotId, { choice: "against" });
      await expect.poll(() => turnoutRow(wren.page).textContent(), { timeout: 5_000 }).toContain("2 of 4 members so far");
      const counts = wren.page.locator("#voting").getByRole("table", { name: "Votes so far" });
      expect(await counts.getByRole("row", { name: /^For/ }).textContent()).toContain("1");
      expect(await counts.getByRole("row", { name: /^Against/ }).textContent()).toContain("1");
      const tallyNews = "Votes so far: for 1, against 1, abstain 0. 2 of 4 members have voted so far.";
      await expect.poll(async () => (await said(wren.page)).length, { timeout: 10_000 }).toBe(2);
      const [postNews, voteNews] = await said(wren.page);
      expect(voteNews.text).toBe(tallyNews);
      expect(voteNews.at - postNews.at, "tally news waits a few seconds after the last announcement").toBeGreaterThanOrEqual(4_500);

      expect(await wren.page.evaluate(() => (window as Watched).__marker)).toBe("the same page");
      expect(await replyBox.inputValue()).toBe("I wonder whether we could");
      expect(await replyBox.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await wren.page.evaluate(() => window.scrollY)).toBe(scrollY);
      await expectNoAxeViolations(wren.page, `${path} after live updates`);

      // Otter's own vote has its notice; his live region only reports Heron's.
      expect((await said(otterView.page)).map((s) => s.text)).not.toContain("Votes so far: for 1, against 0, abstain 0. 1 of 4 members have voted so far.");

      for (const view of [wren, otterView]) {
        expect(view.errors).toEqual([]);
        await view.page.context().close();
      }
    },
    60_000,
  );
});
