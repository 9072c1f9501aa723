// Searching in Chromium, signed out and with the keyboard only: the header box, a filter, the
// next page; axe finds nothing to fix, and the words found stay marked in a high contrast theme.
// Signed in, the raise form lists similar motions as the title is typed.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { browserUnavailable, expectNoAxeViolations, useBrowser, watchForPageErrors } from "../support/browser";
import { describeEachDatabase } from "../support/databases";
import { createBody, createMember, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

const skip = browserUnavailable();

/** Press Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, selector: string, presses = 60) {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const resultNumbers = (page: Page) =>
  page.locator("#results-heading ~ ol .number").allTextContents();

describeEachDatabase("searching in a browser", (dialect) => {
  const holder = useTestServer(dialect);
  const browser = useBrowser(skip);

  it.skipIf(skip)("a reader signed out searches, filters and pages with the keyboard alone, and axe finds nothing to fix", async () => {
    const db = holder.server.database.db;
    const body = await createBody(db);
    const [proposer, a, b] = [await createMember(db), await createMember(db), await createMember(db)];
    const open: string[] = [];
    for (let i = 0; i < 22; i++) {
      const { number } = await holder.server.services.motions.raise(proposer, motionInput(body.id, { title: `Sassafras peer group ${i}`, text: `This parliament calls for sassafras peer group ${i} to meet weekly.` }), { publish: true });
      open.push(number!);
    }
    const { id: secondedId, number: seconded } = await holder.server.services.motions.raise(
      proposer,
      motionInput(body.id, { title: "Sassafras crisis café" }),
      { publish: true },
    );
    await holder.server.services.motions.second(a, secondedId);
    await holder.server.services.motions.second(b, secondedId);
    await holder.server.services.threads.post(a, secondedId, { stance: "for", body: "A sassafras café would help me at night." });

    const page = await (await browser().newContext()).newPage();
    const errors = watchForPageErrors(page);
    await page.goto(`${holder.server.url}/`);
    await page.waitForLoadState("networkidle");

    // The header's search box: Tab to it, type, Enter.
    await tabTo(page, "#site-search");
    await page.keyboard.type("sassafras");
    await Promise.all([page.waitForURL(/\/search\?q=sassafras$/), page.keyboard.press("Enter")]);
    await expect.poll(() => page.title()).toBe("Search: sassafras · Riverside Mental Health Parliament");
    expect(await page.locator("h1").textContent()).toBe("Search the record");
    expect(await resultNumbers(page)).toHaveLength(20);
    expect(await page.locator("#results-heading ~ ol mark").first().textContent()).toMatch(/^sassafras$/i);
    expect(await page.locator("#discussion-heading ~ ol").textContent()).toContain("A sassafras café would help me at night.");
    await expectNoAxeViolations(page, "search results");

    // The words found stay marked when a high contrast theme replaces the page's colours.
    await page.emulateMedia({ forcedColors: "active" });
    const contrast = await page.locator("#results-heading ~ ol mark").first().evaluate((mark) => {
      const own = getComputedStyle(mark);
      return { mark: own.backgroundColor, around: getComputedStyle(mark.parentElement!).backgroundColor, outline: own.outlineStyle };
    });
    expect(contrast.mark).not.toBe(contrast.around);
    expect(contrast.outline).toBe("solid");
    await page.emulateMedia({ forcedColors: "none" });

    // A filter: open the folded filters, type to choose in the select, then Tab to the button and press Enter.
    await tabTo(page, ".search-filters > summary");
    await page.keyboard.press("Enter");
    await tabTo(page, "#search-status");
    await page.keyboard.type("Seconded");
    await tabTo(page, ".search-filters button[type=submit]");
    await Promise.all([page.waitForURL(/status=seconded/), page.keyboard.press("Enter")]);
    await expect.poll(() => resultNumbers(page)).toEqual([seconded]);
    expect(await page.locator(".search-summary").textContent()).toContain("in seconded motions");
    expect(await page.locator("#search-status").inputValue()).toBe("seconded");
    await expectNoAxeViolations(page, "filtered search");

    // Back to every status, then the next page by keyboard.
    await page.goto(`${holder.server.url}/search?q=sassafras&sort=oldest`);
    await tabTo(page, 'a[rel="next"]');
    await Promise.all([page.waitForURL(/after=/), page.keyboard.press("Enter")]);
    await expect.poll(() => resultNumbers(page)).toEqual([...open.slice(20), seconded]);
    expect(await page.locator("a", { hasText: "Back to the first page" }).count()).toBe(1);
    await expectNoAxeViolations(page, "second page of results");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it.skipIf(skip)("axe finds nothing to fix on the search page before a search, with nothing found, with problems, and on the not-found page", async () => {
    const page = await (await browser().newContext()).newPage();
    const errors = watchForPageErrors(page);
    for (const path of ["/search", "/search?q=xylophonic&status=carried", "/search?q=%29%29&status=bogus&from=2026-02-30", "/no-such-page"]) {
      await page.goto(`${holder.server.url}${path}`);
      await expectNoAxeViolations(page, path);
    }
    // The not-found page's search works from the keyboard.
    await tabTo(page, "#not-found-search");
    await page.keyboard.type("anything");
    await Promise.all([page.waitForURL(/\/search\?q=anything$/), page.keyboard.press("Enter")]);
    expect(await page.locator(".search-empty").textContent()).toContain("Nothing in the record matches “anything”.");
    expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
    await page.context().close();
  }, 60_000);

  it.skipIf(skip)("a member raising a motion sees similar motions listed, politely, as they type the title", async () => {
    const db = holder.server.database.db;
    const body = await createBody(db);
    const other = await createMember(db);
    const { number } = await holder.server.services.motions.raise(other, motionInput(body.id, { title: "Ask about tortoises in every care assessment" }), { publish: true });
    const member = await createMember(db);

    const page = await (await browser().newContext()).newPage();
    const errors = watchForPageErrors(page);
    await page.goto(`${holder.server.url}/login`);
    await page.fill('input[name="email"]', member.email);
    await page.fill('input[name="password"]', member.password);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click('main button[type="submit"]')]);
    await page.goto(`${holder.server.url}/motions/new`);
    await page.waitForLoadState("networkidle");

    const region = page.locator("#similar-motions");
    expect(await region.getAttribute("aria-live")).toBe("polite");
    await page.getByLabel("Title", { exact: true }).pressSequentially("Tortoises should count in assessments", { delay: 20 });
    await expect.poll(() => region.textContent(), { timeout: 10_000 }).toContain(`${number}: Ask about tortoises in every care assessment`);
    // The closest match comes first.
    expect(await region.locator("a").first().getAttribute("href")).toBe(`/motions/${number}`);
    // Nothing was submitted: the page is still the form, with what was typed.
    expect(new URL(page.url()).pathname).toBe("/motions/new");
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe("Tortoises should count in assessments");
    await expectNoAxeViolations(page, "raise form with similar motions");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
