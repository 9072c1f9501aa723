// Finding sittings: the list of coming and past sittings, the chair's way to schedule one, and
// the home page's "Upcoming sittings" with their agendas, each with a calm empty state.
import { expect, it } from "vitest";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { BrowserLikeClient, plain } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createBody, createChair, createMember, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

/** The visible text of one section, found by its heading's id. */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `section ${id} is on the page`).toBeGreaterThan(-1);
  return plain(html.slice(html.lastIndexOf("<section", start), html.indexOf("</section>", start)));
}

const inDays = (days: number, time = "18:00") => `${epochToZonedLocal(Date.now() + days * DAY_MS, "Europe/London").slice(0, 10)}T${time}`;

describeEachDatabase("sittings before any are scheduled", (dialect) => {
  const holder = useTestServer(dialect);

  it("the list and the home page say calmly that nothing is planned; only the chair is offered to schedule one", async () => {
    const page = await new BrowserLikeClient(holder.server.url).get("/sittings");
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<title>Sittings · [^<]+<\/title>/);
    expect(section(page.html, "upcoming-heading")).toContain("No sittings are planned at the moment. When the chair schedules one, it will appear here.");
    expect(section(page.html, "past-heading")).toContain("No sittings have been held yet.");
    expect(page.html).not.toContain('href="/sittings/new"');
    expect(section((await new BrowserLikeClient(holder.server.url).get("/")).html, "upcoming-sittings")).toContain(
      "No sittings are planned at the moment.",
    );

    const chair = new BrowserLikeClient(holder.server.url);
    const person = await createChair(holder.server.database.db);
    await chair.signIn(person.email, person.password);
    expect((await chair.get("/sittings")).html).toMatch(/<a[^>]*href="\/sittings\/new"[^>]*>Schedule a sitting<\/a>/);
  });

  it("only the chair may open the schedule form: members get a plain 403, the public the sign-in page", async () => {
    const member = await createMember(holder.server.database.db);
    const client = new BrowserLikeClient(holder.server.url);
    await client.signIn(member.email, member.password);
    const refused = await client.get("/sittings/new");
    expect(refused.status).toBe(403);
    expect(plain(refused.html)).toContain("This page is for the chair only.");
    const posted = await client.post("/sittings/new", { intent: "schedule", title: "Mine", startsAt: inDays(2), place: "Hall" });
    expect(posted.status).toBe(403);

    const anonymous = await new BrowserLikeClient(holder.server.url).get("/sittings/new");
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/login?redirectTo=%2Fsittings%2Fnew");
  });
});

describeEachDatabase("sittings coming up and past", (dialect) => {
  const holder = useTestServer(dialect);
  const db = () => holder.server.database.db;
  const services = () => holder.server.services;

  async function secondedMotion(proposer: TestPerson, seconders: TestPerson[], bodyId: number, title: string) {
    const { id, number } = await services().motions.raise(proposer, motionInput(bodyId, { title }), { publish: true });
    for (const m of seconders) await services().motions.second(m, id);
    return { id, number: number! };
  }

  it("lists coming sittings soonest first with time, place, link, state and items, and past ones a page at a time with their minutes", async () => {
    const chair = await createChair(db());
    const body = await createBody(db());
    const [proposer, a, b] = [await createMember(db()), await createMember(db()), await createMember(db())];
    const first = await secondedMotion(proposer, [a, b], body.id, "Quiet rooms in every emergency department");
    const second = await secondedMotion(proposer, [a, b], body.id, "Peer workers on the night crisis line");

    const { sittingId: later } = await services().sittings.schedule(chair, {
      title: "Summer sitting",
      startsAt: inDays(30, "10:00"),
      onlineLink: "https://meet.example.org/summer",
    });
    const { sittingId: sooner } = await services().sittings.schedule(chair, { title: "Spring sitting", startsAt: inDays(5, "18:30"), place: "Market Street hall" });
    await services().sittings.addToAgenda(chair, sooner, { motionId: second.id });
    await services().sittings.addToAgenda(chair, sooner, { motionId: first.id });
    // Twenty-one past sittings: one more than a page.
    for (let i = 1; i <= 21; i++) {
      const { sittingId } = await services().sittings.schedule(chair, { title: `Past sitting ${i}`, startsAt: inDays(1, `${String(i).padStart(2, "0")}:00`), place: "Town hall" });
      await services().sittings.open(chair, sittingId);
      await services().sittings.close(chair, sittingId);
    }

    const list = await new BrowserLikeClient(holder.server.url).get("/sittings");
    const upcoming = section(list.html, "upcoming-heading");
    expect(upcoming).toMatch(/Spring sitting Scheduled \d+ \w+ \d{4} at 18:30 · Market Street hall 2 motions on the agenda Summer sitting Scheduled .* at 10:00 · Join online/);
    expect(upcoming).toContain("Nothing on the agenda yet");
    expect(list.html).toContain(`href="/sittings/${sooner}"`);
    expect(list.html).toContain('href="https://meet.example.org/summer"');
    expect(list.html).toContain(`href="/sittings/${later}"`);
    const past = section(list.html, "past-heading");
    expect(past.match(/Past sitting \d+: minutes/g)).toHaveLength(20);
    expect(past).toContain("Page 1 of 2");
    expect(list.html).toMatch(/href="\/sittings\/\d+#minutes"/);
    expect(list.html).toContain('href="/sittings?page=2"');

    const pageTwo = await new BrowserLikeClient(holder.server.url).get("/sittings?page=2");
    expect(section(pageTwo.html, "past-heading").match(/Past sitting \d+: minutes/g)).toHaveLength(1);
    expect(pageTwo.html).toMatch(/<title>Sittings, page 2 of 2 · [^<]+<\/title>/);
    expect(plain((await new BrowserLikeClient(holder.server.url).get("/sittings?page=7")).html)).toContain("There is no page 7. Go to the last page (page 2).");

    // The home page shows the next sittings with the motions they will debate, in agenda order.
    const home = section((await new BrowserLikeClient(holder.server.url).get("/")).html, "upcoming-sittings");
    expect(home).toContain(`Spring sitting Scheduled`);
    expect(home).toContain(`${second.number} Peer workers on the night crisis line ${first.number} Quiet rooms in every emergency department`);
    expect(home).toContain("Summer sitting");
    expect(home).toContain("The agenda is not set yet.");
  });
});
