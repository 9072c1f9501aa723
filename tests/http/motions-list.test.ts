import { expect, it } from "vitest";
import { MINUTE_MS } from "../../server/domain/time";
import { BrowserLikeClient, textOf } from "../support/browser-like-client";
import { manualClock } from "../support/clock";
import { describeEachDatabase } from "../support/databases";
import { createBody, createMember, createMembers, motionInput } from "../support/factories";
import { type TestServer, useTestServer } from "../support/server";

const motionLinks = (html: string) => [...html.matchAll(/<h2><a[^>]*href="\/motions\/(M-\d{4}-\d{3,})"/g)].map((m) => m[1]);

async function publishMotions(server: TestServer, bodyId: number, count: number, advance: () => void, title = "Motion") {
  const proposer = await createMember(server.database.db);
  const numbers: string[] = [];
  for (let i = 1; i <= count; i++) {
    const { number } = await server.services.motions.raise(proposer, motionInput(bodyId, { title: `${title} ${i}` }), { publish: true });
    numbers.push(number!);
    advance();
  }
  return numbers;
}

describeEachDatabase("the list of motions", (dialect) => {
  const clock = manualClock();
  const holder = useTestServer(dialect, { clock });
  const tick = () => clock.advance(MINUTE_MS);

  it("says so calmly when nothing has been published yet", async () => {
    const page = await new BrowserLikeClient(holder.server.url).get("/motions");
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain("0 motions");
    expect(text).toContain("No motions have been published yet.");
  });

  it("filters by status and by commissioning body, keeping the choices selected", async () => {
    const server = holder.server;
    const db = server.database.db;
    const wards = await createBody(db, { name: "Wards Commissioning Board" });
    const council = await createBody(db, { name: "Council Social Care" });
    const [wardOpen1, wardOpen2] = await publishMotions(server, wards.id, 2, tick, "Ward open");
    const [wardSeconded] = await publishMotions(server, wards.id, 1, tick, "Ward seconded");
    const [councilSeconded] = await publishMotions(server, council.id, 1, tick, "Council seconded");
    const seconders = await createMembers(db, 2);
    for (const number of [wardSeconded, councilSeconded]) {
      const motion = await db.selectFrom("motions").select("id").where("number", "=", number).executeTakeFirstOrThrow();
      for (const m of seconders) await server.services.motions.second(m, motion.id);
    }
    const client = new BrowserLikeClient(server.url);

    const byBody = await client.get(`/motions?body=${wards.slug}`);
    expect(byBody.status).toBe(200);
    expect(textOf(byBody.html)).toContain("3 motions match these filters");
    expect(motionLinks(byBody.html)).toEqual([wardSeconded, wardOpen2, wardOpen1]);
    expect(byBody.html).toContain(`<option value="${wards.slug}" selected="">`);
    expect(byBody.html).toContain('href="/motions">Clear filters</a>');

    const both = await client.get(`/motions?status=seconded&body=${wards.slug}`);
    expect(motionLinks(both.html)).toEqual([wardSeconded]);
    expect(textOf(both.html)).toContain("1 motion matches these filters");
    expect(both.html).toContain('<option value="seconded" selected="">');

    const byStatus = await client.get("/motions?status=seconded");
    expect(motionLinks(byStatus.html)).toEqual([councilSeconded, wardSeconded]);
    expect(textOf(byStatus.html)).toContain("2 motions match these filters");

    const none = await client.get("/motions?status=carried");
    expect(textOf(none.html)).toContain("No motions match these filters.");
  });

  it("offers every status, response status and body as a filter", async () => {
    await createBody(holder.server.database.db, { name: "Hillside Mental Health Trust" });
    const page = await new BrowserLikeClient(holder.server.url).get("/motions");
    for (const label of ["Open for seconding", "Seconded", "Scheduled", "In debate", "Voting", "Carried", "Defeated", "Withdrawn", "Lapsed"]) {
      expect(page.html).toContain(`>${label}</option>`);
    }
    for (const label of ["Awaiting response", "Responded", "Revision requested", "Closed"]) {
      expect(page.html).toContain(`>${label}</option>`);
    }
    expect(page.html).toContain(">Hillside Mental Health Trust</option>");
  });

  it("shows 20 motions a page, newest first, with the filters kept in the page links", async () => {
    const server = holder.server;
    const body = await createBody(server.database.db, { name: "Paged Body" });
    const numbers = await publishMotions(server, body.id, 25, tick, "Paged");
    const newestFirst = [...numbers].reverse();
    const client = new BrowserLikeClient(server.url);

    const first = await client.get(`/motions?body=${body.slug}`);
    expect(textOf(first.html)).toContain("25 motions match these filters");
    expect(textOf(first.html)).toContain("Page 1 of 2");
    expect(motionLinks(first.html)).toEqual(newestFirst.slice(0, 20));
    const next = first.html.match(/<a[^>]*href="([^"]+)"[^>]*>Next page/);
    expect(next?.[1].replace(/&amp;/g, "&")).toBe(`/motions?body=${body.slug}&page=2`);

    const second = await client.get(`/motions?body=${body.slug}&page=2`);
    expect(second.status).toBe(200);
    expect(motionLinks(second.html)).toEqual(newestFirst.slice(20));
    expect(textOf(second.html)).toContain("Page 2 of 2");
    expect(second.html).not.toContain("Next page");
    const previous = second.html.match(/<a[^>]*href="([^"]+)"[^>]*>← Previous page/);
    expect(previous?.[1]).toBe(`/motions?body=${body.slug}`);
    expect(second.html).toMatch(/<title>Motions, page 2 of 2 · /);
  });

  it("explains filter values it does not recognise instead of failing", async () => {
    const client = new BrowserLikeClient(holder.server.url);
    const page = await client.get("/motions?status=banana&response=soon&body=nowhere&page=minus-one");
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain("We do not recognise the status “banana”");
    expect(text).toContain("We do not recognise the response status “soon”");
    expect(text).toContain("We could not find the commissioning body “nowhere”");
    expect(text).toMatch(/\d+ motions? /);

    const drafts = await client.get("/motions?status=draft");
    expect(drafts.status).toBe(200);
    expect(textOf(drafts.html)).toContain("We do not recognise the status “draft”");

    const beyond = await client.get("/motions?page=99");
    expect(beyond.status).toBe(200);
    expect(textOf(beyond.html)).toContain("There is no page 99.");
  });
});
