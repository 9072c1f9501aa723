// Printing the record: a motion page and a sitting's minutes printed from Chromium carry the
// full text (folded parts opened), no navigation and no forms, and every link says in full where
// it goes, so a paper copy still leads back to the source.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { browserUnavailable, useBrowser, watchForPageErrors } from "../support/browser";
import { describeEachDatabase } from "../support/databases";
import type { TestPerson } from "../support/factories";
import { busyMotion, closedSitting } from "../http/record-scenes";
import { useTestServer } from "../support/server";

const skip = browserUnavailable();

/** What printing hides and shows, read from the page as Chromium lays it out for print. */
async function printedFacts(page: Page) {
  return page.evaluate(() => {
    const shown = (el: Element) => (el as HTMLElement).checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
    // Links in the page's content; the parliament's name at the top is a title, not a reference.
    const links = [...document.querySelectorAll("main a[href]")].filter(shown);
    return {
      visibleForms: [...document.querySelectorAll("form")].filter(shown).length,
      visibleNavs: [...document.querySelectorAll("nav")].filter(shown).map((n) => n.getAttribute("aria-label")),
      visibleButtons: [...document.querySelectorAll("button")].filter(shown).length,
      /** each vote of a long run, folded in the timeline on screen */
      visibleVotes: [...document.querySelectorAll("#record details li")].filter(shown).length,
      /** the motion's earlier text, folded on screen */
      earlierVersionShown: [...document.querySelectorAll("details.versions h3")].some(shown),
      links: links.map((a) => ({ href: a.getAttribute("href")!, after: getComputedStyle(a, "::after").content })),
      text: document.body.innerText,
    };
  });
}

describeEachDatabase("printing the record", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const browser = useBrowser(skip);

  async function printPreview(path: string, person: TestPerson | null = null) {
    const page = await (await browser().newContext()).newPage();
    const errors = watchForPageErrors(page);
    if (person) {
      await page.goto(`${holder.server.url}/login`);
      await page.fill('input[name="email"]', person.email);
      await page.fill('input[name="password"]', person.password);
      await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click('main button[type="submit"]')]);
    }
    await page.goto(`${holder.server.url}${path}`);
    await page.emulateMedia({ media: "print" });
    return { page, errors };
  }

  /** Links to other pages carry their full address after them; links within the page carry nothing. */
  function expectFootnotedLinks(links: { href: string; after: string }[]) {
    for (const { href, after } of links) {
      if (href.startsWith("#")) expect(after, href).toBe("none");
      else expect(after, href).toBe(`" (${href.startsWith("/") ? holder.server.url : ""}${href})"`);
    }
  }

  it.skipIf(skip)("a motion page prints its whole record without navigation or forms, and renders as a PDF", async () => {
    const m = await busyMotion(holder.server);
    for (const person of [null, m.members[2]]) {
      const { page, errors } = await printPreview(m.path, person);
      // On screen, the page has navigation, forms and folded parts.
      await page.emulateMedia({ media: "screen" });
      const onScreen = await printedFacts(page);
      expect(onScreen.visibleNavs).toContain("Main");
      expect(onScreen.visibleForms).toBeGreaterThan(person ? 2 : 0);
      expect(onScreen.visibleVotes).toBe(0);
      expect(onScreen.earlierVersionShown).toBe(false);
      await page.emulateMedia({ media: "print" });

      const printed = await printedFacts(page);
      expect(printed.visibleNavs).toEqual([]);
      expect(printed.visibleForms).toBe(0);
      expect(printed.visibleButtons).toBe(0);
      // The full text: the motion as changed, why it matters, every vote of the folded run,
      // the earlier version, the discussion and the response.
      expect(printed.text).toContain("Plans should be written with the person.");
      expect(printed.text).toContain("worry about who will feed the cat");
      expect(printed.earlierVersionShown).toBe(true);
      expect(printed.visibleVotes).toBe(6);
      expect(printed.text).toContain("Would this cover birds & fish too?");
      expect(printed.text).toContain("The commissioner's response");
      expect(printed.text).toContain(`Printed from ${holder.server.url}${m.path}`);
      expect(printed.text).not.toContain("Sign in");
      // Timeline entries keep their anchors (for linking), and print no address for them.
      expect(await page.locator('#record li[id^="event-"]').count()).toBeGreaterThan(10);
      expect(printed.links.some((l) => l.href.startsWith("#event-"))).toBe(true);
      expectFootnotedLinks(printed.links);

      const pdf = await page.pdf({ format: "A4" });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(pdf.length).toBeGreaterThan(20_000);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  }, 90_000);

  it.skipIf(skip)("a sitting's minutes print the same way, each motion's link followed by its full address", async () => {
    const s = await closedSitting(holder.server);
    const { page, errors } = await printPreview(s.path);
    const printed = await printedFacts(page);
    expect(printed.visibleNavs).toEqual([]);
    expect(printed.visibleForms).toBe(0);
    expect(printed.text).toContain("Minutes");
    expect(printed.text).toContain(`${s.carried.number}: Peer workers on the night crisis line`);
    expect(printed.text).toContain(`${s.unreached.number}: A quiet room in every emergency department`);
    expect(printed.links.map((l) => l.href)).toEqual(expect.arrayContaining([`/motions/${s.carried.number}`, `/motions/${s.unreached.number}`]));
    expectFootnotedLinks(printed.links);
    expect(printed.links.find((l) => l.href === `/motions/${s.carried.number}`)?.after).toBe(`" (${holder.server.url}/motions/${s.carried.number})"`);
    expect((await page.pdf({ format: "A4" })).subarray(0, 5).toString()).toBe("%PDF-");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it.skipIf(skip)("search results print as a list of the record, each link with its full address", async () => {
    const m = await busyMotion(holder.server);
    const { page, errors } = await printPreview("/search?q=companion+animals");
    const printed = await printedFacts(page);
    expect(printed.visibleForms).toBe(0);
    expect(printed.visibleNavs).toEqual([]);
    expect(printed.text).toContain(`Motion ${m.number}: Count pets as part of a person's circle of support`);
    expect(printed.links.some((l) => l.href === m.path)).toBe(true);
    expectFootnotedLinks(printed.links);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
