// Narrowing a search: status, body, topic, dates in the parliament's time zone, sitting, response
// status and order, all in the address (a GET form), and a plain sentence for anything we cannot
// use, never an error page.
import { expect, it } from "vitest";
import { BrowserLikeClient, plain } from "../support/browser-like-client";
import { manualClock } from "../support/clock";
import { describeEachDatabase } from "../support/databases";
import { createBody, createChair } from "../support/factories";
import { useTestServer } from "../support/server";
import { answeredMotion, publishedMotion, secondedMotion } from "./record-scenes";

/** The motion numbers the results link to, in page order (a motion once, however many of its parts matched). */
const numbersIn = (html: string) => {
  const start = html.indexOf('id="results-heading"');
  if (start < 0) return [];
  const section = html.slice(start, html.indexOf("</section>", start));
  return [...new Set([...section.matchAll(/href="\/motions\/(M-\d{4}-\d+)/g)].map((m) => m[1]))];
};

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describeEachDatabase("filtering and ordering a search", (dialect) => {
  // 2 March 2026, 10:00 in London (GMT, the same as UTC until 29 March).
  const clock = manualClock(Date.UTC(2026, 2, 2, 10, 0));
  const holder = useTestServer(dialect, { clock, rules: { quorumPercent: 1 } });
  const client = () => new BrowserLikeClient(holder.server.url);
  const days = (n: number) => clock.advance(n * 24 * 60 * 60 * 1000);

  it("narrows by status, body, topic, dates, sitting and response status, and orders by date", async () => {
    const server = holder.server;
    const wards = await createBody(server.database.db, { name: "Tamarisk Wards Board" });
    const council = await createBody(server.database.db, { name: "Tamarisk Council Care" });
    // 2 March: carried and answered, to the wards board, about carers.
    const carried = await answeredMotion(
      server,
      { title: "Tamarisk respite for carers", topics: "carers" },
      { summary: "We agree and will act.", reasons: "Respite is part of our plan for the coming year and we will fund it." },
      wards,
    );
    days(8);
    // 10 March: seconded and put on a sitting's agenda, to the council, about peer support.
    const scheduled = await secondedMotion(server, { title: "Tamarisk peer support groups", topics: "peer support" }, council);
    const chair = await createChair(server.database.db);
    const { sittingId } = await server.services.sittings.schedule(chair, { title: "Spring sitting", startsAt: "2026-04-01T18:00", place: "Town hall" });
    await server.services.sittings.addToAgenda(chair, sittingId, { motionId: scheduled.motionId });
    days(10);
    // 20 March: open, to the wards board, about carers.
    const open = await publishedMotion(server, { title: "Tamarisk carers' cafés", topics: "carers, cafés" }, wards);

    const search = async (query: string) => {
      const page = await client().get(`/search?q=tamarisk${query}`);
      expect(page.status).toBe(200);
      return page;
    };
    expect(numbersIn((await search("")).html).sort()).toEqual([carried.number, scheduled.number, open.number].sort());
    expect(numbersIn((await search("&status=carried")).html)).toEqual([carried.number]);
    expect(numbersIn((await search(`&body=${council.slug}`)).html)).toEqual([scheduled.number]);
    expect(numbersIn((await search("&topic=carers")).html).sort()).toEqual([carried.number, open.number].sort());
    expect(numbersIn((await search("&response=responded")).html)).toEqual([carried.number]);
    expect(numbersIn((await search(`&sitting=${sittingId}`)).html)).toEqual([scheduled.number]);
    // Dates are whole days: "on or before 10 March" includes all of 10 March.
    expect(numbersIn((await search("&from=2026-03-05")).html).sort()).toEqual([scheduled.number, open.number].sort());
    expect(numbersIn((await search("&to=2026-03-10")).html).sort()).toEqual([carried.number, scheduled.number].sort());
    expect(numbersIn((await search("&from=2026-03-10&to=2026-03-10")).html)).toEqual([scheduled.number]);
    expect(numbersIn((await search("&sort=newest")).html)).toEqual([open.number, scheduled.number, carried.number]);
    expect(numbersIn((await search("&sort=oldest")).html)).toEqual([carried.number, scheduled.number, open.number]);

    const combined = await search(`&status=open&body=${wards.slug}&topic=carers&sort=newest`);
    expect(numbersIn(combined.html)).toEqual([open.number]);
    expect(plain(combined.html)).toContain(
      "Results for “tamarisk” in open for seconding motions addressed to Tamarisk Wards Board on the topic “carers”, newest first.",
    );
    // The choices stay selected, and the selects offer the topics in use and the sittings.
    expect(combined.html).toContain('<option value="open" selected="">Open for seconding</option>');
    expect(combined.html).toContain(`<option value="${wards.slug}" selected="">Tamarisk Wards Board</option>`);
    expect(combined.html).toContain('<option value="carers" selected="">carers</option>');
    expect(combined.html).toContain('<option value="newest" selected="">Newest first</option>');
    expect(combined.html).toContain('<option value="peer support">peer support</option>');
    expect(combined.html).toContain(`<option value="${sittingId}">Spring sitting (1 April 2026)</option>`);
    expect(combined.html).toMatch(/<a [^>]*href="\/search\?q=tamarisk&amp;sort=newest">Clear filters<\/a>/);
  });

  it("reads dates as whole days in the parliament's time zone, not in UTC", async () => {
    // 15 June 2026 at 23:30 UTC is already 16 June in London (BST).
    clock.set(Date.UTC(2026, 5, 15, 23, 30));
    const late = await publishedMotion(holder.server, { title: "Wolfsbane night buses" });
    expect(numbersIn((await client().get("/search?q=wolfsbane&from=2026-06-16")).html)).toEqual([late.number]);
    expect(numbersIn((await client().get("/search?q=wolfsbane&to=2026-06-15")).html)).toEqual([]);
    const sameDay = await client().get("/search?q=wolfsbane&from=2026-06-16&to=2026-06-16");
    expect(numbersIn(sameDay.html)).toEqual([late.number]);
    expect(plain(sameDay.html)).toContain("published between 16 June 2026 and 16 June 2026");
  });

  it("says plainly which values it could not use, searches without them, and never fails", async () => {
    const scene = await publishedMotion(holder.server, { title: "Cowslip walking groups" });
    await holder.server.services.motions.raise(scene.proposer, { title: "Cowslip private draft", text: "This parliament calls for a draft about cowslip.", rationale: "Only the proposer may ever see this draft.", bodyId: scene.body.id });
    const cases: [string, string][] = [
      ["status=draft", "We do not recognise the status “draft”, so motions of every status are searched."],
      ["status=%3Cb%3E", "We do not recognise the status “<b>”"],
      ["response=maybe", "We do not recognise the response status “maybe”, so it is not used."],
      ["body=no-such-body", "We could not find the commissioning body “no-such-body”"],
      ["from=2026-02-30", "“2026-02-30” is not a date we can read, so there is no earliest date."],
      ["to=yesterday", "“yesterday” is not a date we can read, so there is no latest date."],
      ["from=2026-05-01&to=2026-04-01", "The earliest date is after the latest date, so neither date is used."],
      ["sitting=abc", "We could not find the sitting “abc”"],
      ["sitting=99999999999", "We could not find the sitting “99999999999”"],
      ["sort=sideways", "We cannot sort by “sideways”, so the best matches come first."],
      [`topic=${"x".repeat(41)}`, "That topic is longer than any topic here, so it is not used."],
      ["after=not-a-cursor", "That page link was damaged, so these are the first results."],
      [`after=${encode([1e999, "motion", 1])}`, "That page link was damaged"],
      [`after=${encode([0, "motion", 2 ** 40])}`, "That page link was damaged"],
      [`after=${encode([0, "'; drop table motions; --", 1])}`, "That page link was damaged"],
    ];
    for (const [query, message] of cases) {
      const page = await client().get(`/search?q=cowslip&${query}`);
      expect(page.status, query).toBe(200);
      expect(plain(page.html), query).toContain(message);
      // The search still runs without the value, and a draft is never found.
      expect(numbersIn(page.html), query).toEqual([scene.number]);
    }

    const punctuation = await client().get("/search?q=%29%29%29%20%2A%3A");
    expect(punctuation.status).toBe(200);
    expect(plain(punctuation.html)).toContain("Type a word or two to search for: letters or numbers, not only punctuation.");
    const long = await client().get(`/search?q=${"cowslip ".repeat(600)}`);
    expect(long.status).toBe(200);
    expect(numbersIn(long.html)).toEqual([scene.number]);
  });
});
