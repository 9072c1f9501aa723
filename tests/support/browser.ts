// Debian's Chromium driven by playwright-core (never a downloaded browser), and axe for WCAG.
import fs from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Why the browser leg cannot run here, or null when it can. Outside CI the tests that need it
 * are skipped by name; under CI=true a missing browser is a failure, never a skip.
 */
export function browserUnavailable(): string | null {
  if (fs.existsSync(CHROMIUM_PATH)) return null;
  const reason = `no Chromium at ${CHROMIUM_PATH} (install Debian's chromium package)`;
  if (process.env.CI === "true") throw new Error(`CI=true but the browser leg cannot run: ${reason}`);
  return reason;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/**
 * One Chromium for the describe block, launched before its tests and closed after them; none
 * when the browser leg cannot run here (`skip`, from browserUnavailable). Call the returned
 * function inside a test to get the browser.
 */
export function useBrowser(skip: string | null): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!skip) browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error(`the browser is not running: ${skip ?? "it was not launched"}`);
    return browser;
  };
}

/** Runs axe (WCAG 2.0/2.1/2.2 A and AA rules) on the page and fails with a readable list. */
export async function expectNoAxeViolations(page: Page, label = page.url()) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const problems = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n    ")}`,
  );
  expect(problems, `axe found problems on ${label}`).toEqual([]);
}

/** Collects browser console errors and failed page loads; tests assert the list stays empty. */
export function watchForPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  return errors;
}
