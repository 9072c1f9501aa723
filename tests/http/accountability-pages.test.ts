// The public accountability pages, read like a browser without JavaScript, over a history made
// with the real services on a clock the test moves: two bodies, carried motions answered on
// time, late and not at all, and promised actions done, under way and overdue.
import { beforeAll, expect, it } from "vitest";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { defaultRules } from "../../server/services/deps";
import { BrowserLikeClient, plain, textOf } from "../support/browser-like-client";
import { dateAfter, manualClock } from "../support/clock";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createAdmin, createChair, createCommissioner, createMembers, motionInput, responseInput } from "../support/factories";
import { type TestServer, useTestServer } from "../support/server";

const T0 = Date.UTC(2026, 2, 2, 10, 0, 0);
const zone = defaultRules.timeZone;

/** The rows of a table, by the text of each row's header cell: the cells' text in order. */
function tableRows(html: string, tableId: string): Map<string, string[]> {
  const start = html.indexOf(`<table id="${tableId}"`);
  expect(start, `table ${tableId} is on the page`).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf("</table>", start));
  const rows = new Map<string, string[]>();
  for (const row of table.split("<tr").slice(1)) {
    const header = /<th[^>]*scope="row"[^>]*>([\s\S]*?)<\/th>/.exec(row);
    if (!header) continue;
    const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]));
    rows.set(textOf(header[1]), cells);
  }
  return rows;
}

/** The headers of a table's columns, in order. */
function columnHeaders(html: string, tableId: string): string[] {
  const start = html.indexOf(`<table id="${tableId}"`);
  const head = html.slice(start, html.indexOf("</thead>", start));
  return [...head.matchAll(/<th[^>]*scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => textOf(m[1]));
}

/** The visible text of the section a heading with this id opens. */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `section ${id} is on the page`).toBeGreaterThan(-1);
  return plain(html.slice(start, html.indexOf("</section>", start)));
}

/** Raise, second and carry a motion, decided at `now`. */
async function carry(
  { services }: TestServer,
  people: { proposer: TestPerson; members: TestPerson[]; chair: TestPerson },
  now: number,
  bodyId: number,
  title: string,
) {
  const { proposer, members, chair } = people;
  const { id, number } = await services.motions.raise(proposer, motionInput(bodyId, { title }), { publish: true });
  for (const m of members.slice(0, 2)) await services.motions.second(m, id);
  const closesAt = epochToZonedLocal(now + 7 * DAY_MS, zone);
  const { ballotId } = await services.ballots.open(chair, id, { kind: "recorded", rule: "simple", closesAt });
  for (const m of [proposer, ...members]) await services.ballots.vote(m, ballotId, { choice: "for" });
  await services.ballots.close(chair, ballotId);
  return { id, number: number! };
}

describeEachDatabase("the public accountability pages", (dialect) => {
  const clock = manualClock(T0);
  // A tiny quorum: the vote counts however many members other tests have added.
  const holder = useTestServer(dialect, { clock, rules: { quorumPercent: 1 } });
  const story = {} as Awaited<ReturnType<typeof buildHistory>>;
  const at = (day: number) => clock.set(T0 + day * DAY_MS);
  const dateIn = (days: number) => dateAfter(clock.now(), days, zone);

  async function buildHistory() {
    const { services, database } = holder.server;
    const db = database.db;
    const admin = await createAdmin(db);
    const north = await services.bodies.create(admin, {
      name: "Northfield Care Board",
      description: "Pays for NHS mental health care in Northfield.",
      responsePeriodDays: 56,
      contact: "answers@northfield.example",
    });
    const south = await services.bodies.create(admin, {
      name: "Southbank Council Social Care",
      description: "",
      responsePeriodDays: 28,
      contact: "",
    });
    const [proposer, ...members] = await createMembers(db, 4);
    const chair = await createChair(db);
    const northCommissioner = await createCommissioner(db, north.bodyId);

    const carried = (bodyId: number, title: string) => carry(holder.server, { proposer, members, chair }, clock.now(), bodyId, title);

    at(0);
    const onTime = await carried(north.bodyId, "Peer workers in every crisis team");
    const neverAnswered = await carried(south.bodyId, "Fund the walking groups");
    at(1);
    const late = await carried(north.bodyId, "Plain words in board papers");
    // Also addressed to the north, but never seconded: counted as addressed, never as owed.
    await services.motions.raise(proposer, motionInput(north.bodyId, { title: "Never seconded" }), { publish: true });

    at(10);
    await services.responses.publish(
      northCommissioner,
      onTime.id,
      responseInput("accept", {
        actions: [
          { description: "Recruit peer workers for the night team", owner: "Crisis service manager", dueDate: dateIn(10) },
          { description: "Train every crisis worker with peer trainers", owner: "Workforce team", dueDate: dateIn(200) },
          { description: "Publish the peer worker job description", owner: "Human resources", dueDate: dateIn(30) },
        ],
      }),
    );
    const actions = await db.selectFrom("response_actions").select(["id", "description", "due_at"]).where("motion_id", "=", onTime.id).orderBy("position").execute();
    at(18);
    await services.actions.update(northCommissioner, { actionId: actions[0].id, status: "done", progress: 100, note: "Four peer workers started this week." });
    at(25);
    await services.actions.update(northCommissioner, { actionId: actions[1].id, status: "in_progress", progress: 40, note: "Two of five sessions held." });
    at(60);
    await services.responses.publish(northCommissioner, late.id, responseInput("decline"));
    at(80);
    const notYetDue = await carried(south.bodyId, "Open the day centre at weekends");
    at(90);
    const slugs = await db.selectFrom("bodies").select(["id", "slug"]).where("id", "in", [north.bodyId, south.bodyId]).execute();
    return {
      north: { ...north, slug: slugs.find((b) => b.id === north.bodyId)!.slug },
      south: { ...south, slug: slugs.find((b) => b.id === south.bodyId)!.slug },
      onTime,
      late,
      neverAnswered,
      notYetDue,
      overdueAction: actions[2],
      proposer: proposer as TestPerson,
    };
  }

  beforeAll(async () => {
    Object.assign(story, await buildHistory());
  });

  it("counts each body's motions, responses and actions, and the tables under the charts say the same", async () => {
    const page = await new BrowserLikeClient(holder.server.url).get("/accountability");
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<title>You said, we did: accountability · [^<]+<\/title>/);

    expect(columnHeaders(page.html, "all-responses-table")).toEqual([
      "Body",
      "Motions addressed",
      "Carried",
      "Answered on time",
      "Answered late",
      "Outstanding",
      "Overdue",
      "Median days to respond",
    ]);
    const responses = tableRows(page.html, "all-responses-table");
    // North: answered in 10 days (on time) and in 59 days (late, due on day 57): median 34.5.
    expect(responses.get("Northfield Care Board")).toEqual(["3", "2", "1", "1", "0", "0", "34.5"]);
    // South: one answer 62 days overdue, one not yet due, none given.
    expect(responses.get("Southbank Council Social Care")).toEqual(["2", "2", "0", "0", "2", "1", "None yet"]);

    expect(columnHeaders(page.html, "all-actions-table")).toEqual(["Body", "Done", "In progress", "Overdue", "Dropped"]);
    const actions = tableRows(page.html, "all-actions-table");
    expect(actions.get("Northfield Care Board")).toEqual(["1", "1", "1", "0"]);
    expect(actions.get("Southbank Council Social Care")).toEqual(["0", "0", "0", "0"]);

    // Each row names its body with a link to the body's own page.
    expect(page.html).toContain(`href="/bodies/${story.north.slug}"`);
    expect(page.html).toContain(`href="/bodies/${story.south.slug}"`);

    // The charts are images with a summary a screen reader reads out, and a key in words.
    expect(page.html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="all-responses-title all-responses-desc"/);
    expect(page.html).toMatch(
      /<desc id="all-responses-desc">[^<]*Northfield Care Board: answered on time 1; answered late 1; waiting, not yet due 0; waiting, overdue 0\./,
    );
    expect(page.html).toMatch(/<desc id="all-actions-desc">[^<]*Northfield Care Board: done 1; in progress 1; overdue 1; dropped 0\./);
    const text = textOf(page.html);
    for (const key of ["Answered on time", "Answered late", "Waiting, not yet due", "Waiting, overdue", "Done", "In progress", "Dropped"]) {
      expect(text).toContain(key);
    }

    // The figures are explained, with each body's response period.
    const meaning = section(page.html, "meaning");
    expect(meaning).toContain("On time means the body’s first response was published by its due date");
    expect(meaning).toContain("Northfield Care Board has 56 days (8 weeks)");
    expect(meaning).toContain("Southbank Council Social Care has 28 days (4 weeks)");
  });

  it("lists what is overdue, the longest wait first, with the body, the motion and how late it is", async () => {
    const page = await new BrowserLikeClient(holder.server.url).get("/accountability");
    const overdue = section(page.html, "overdue");
    // South's answer was due on day 28; the job description was due on day 40 (end of that day).
    const actionDays = Math.floor((T0 + 90 * DAY_MS - story.overdueAction.due_at) / DAY_MS);
    expect(overdue).toContain(
      `Response overdue Overdue by 62 days: it was due on 30 March 2026. ${story.neverAnswered.number} Fund the walking groups Owed by Southbank Council Social Care`,
    );
    expect(overdue).toContain(
      `Action overdue Overdue by ${actionDays} days: it was due on 11 April 2026. Promised: “Publish the peer worker job description” ${story.onTime.number} Peer workers in every crisis team Promised by Northfield Care Board`,
    );
    expect(overdue.indexOf(story.neverAnswered.number)).toBeLessThan(overdue.indexOf("Publish the peer worker job description"));
    // Nothing on time or still in time is listed.
    expect(overdue).not.toContain(story.notYetDue.number);
    expect(overdue).not.toContain("Train every crisis worker");
    expect(page.html).toContain(`href="/motions/${story.neverAnswered.number}"`);
  });

  it("a body's page shows who it is, its figures, what it owes and each motion's clock", async () => {
    const client = new BrowserLikeClient(holder.server.url);
    const north = await client.get(`/bodies/${story.north.slug}`);
    expect(north.status).toBe(200);
    expect(north.html).toMatch(/<title>Northfield Care Board · [^<]+<\/title>/);
    const text = textOf(north.html);
    expect(text).toContain("Pays for NHS mental health care in Northfield.");
    expect(text).toContain("Time to answer 56 days (8 weeks) from the vote.");
    expect(text).toContain("Public contact answers@northfield.example");
    expect(tableRows(north.html, "body-responses-table").get("Northfield Care Board")).toEqual(["3", "2", "1", "1", "0", "0", "34.5"]);
    expect(tableRows(north.html, "body-actions-table").get("Northfield Care Board")).toEqual(["1", "1", "1", "0"]);
    expect(section(north.html, "overdue")).toContain("Publish the peer worker job description");
    const motions = section(north.html, "motions");
    expect(motions).toMatch(new RegExp(`${story.onTime.number} Peer workers in every crisis team Carried Responded [^]*Responded on time\\.`));
    expect(motions).toMatch(new RegExp(`${story.late.number} Plain words in board papers Carried Responded [^]*Responded late \\(by 3 days\\)\\.`));
    expect(motions).toMatch(/Never seconded Lapsed M-/);

    const south = await client.get(`/bodies/${story.south.slug}`);
    const southMotions = section(south.html, "motions");
    expect(southMotions).toMatch(new RegExp(`${story.neverAnswered.number} Fund the walking groups Carried Response overdue [^]*Waiting for a response: overdue by 62 days\\.`));
    expect(southMotions).toMatch(new RegExp(`${story.notYetDue.number} Open the day centre at weekends Carried Awaiting response [^]*Waiting for a response: 18 days left\\.`));
    expect(section(south.html, "overdue")).toContain("Fund the walking groups");
    expect(textOf(south.html)).not.toContain("Public contact");

    const missing = await client.get("/bodies/no-such-body");
    expect(missing.status).toBe(404);
    expect(textOf(missing.html)).toContain("There is no commissioning body at this address.");
  });

  it("the home page links each body owing a response to its page, and points to the accountability page", async () => {
    const home = await new BrowserLikeClient(holder.server.url).get("/");
    const start = home.html.indexOf('id="responses-due"');
    const due = home.html.slice(start, home.html.indexOf("</section>", start));
    expect(due).toMatch(new RegExp(`<a [^>]*href="/bodies/${story.south.slug}">Southbank Council Social Care</a> should respond by`));
    expect(textOf(due)).toContain("overdue by 62 days");
    expect(section(home.html, "you-said-we-did")).toContain("accountability page");
    expect(home.html).toContain('href="/accountability"');
  });
});

describeEachDatabase("the accountability page of a parliament with no bodies yet", (dialect) => {
  const holder = useTestServer(dialect);

  it("says calmly that there is nothing to show yet, and why", async () => {
    const page = await new BrowserLikeClient(holder.server.url).get("/accountability");
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain("No commissioning bodies have been set up yet.");
    expect(page.html).not.toContain("<svg");
  });

  it("a body with no motions shows empty charts and says nothing is overdue", async () => {
    const admin = await createAdmin(holder.server.database.db);
    const { slug } = await holder.server.services.bodies.create(admin, { name: "Quiet Borough Care", responsePeriodDays: 60 });
    const page = await new BrowserLikeClient(holder.server.url).get(`/bodies/${slug}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain("No motions carried yet");
    expect(text).toContain("No actions promised yet");
    expect(text).toContain("Nothing from Quiet Borough Care is overdue at the moment.");
    expect(text).toContain("No published motion is addressed to Quiet Borough Care yet.");
    expect(text).toContain("60 days from the vote");
    const all = await new BrowserLikeClient(holder.server.url).get("/accountability");
    expect(textOf(all.html)).toContain("Nothing is overdue at the moment");
  });
});

describeEachDatabase("a long list of overdue items", (dialect) => {
  const clock = manualClock(T0);
  const holder = useTestServer(dialect, { clock, rules: { quorumPercent: 1 } });

  it("comes fifty at a time, the longest wait first, with page links that keep the body page's own", async () => {
    const { services, database } = holder.server;
    const db = database.db;
    const admin = await createAdmin(db);
    const body = await services.bodies.create(admin, { name: "Eastgate Care Board", description: "", responsePeriodDays: 56, contact: "" });
    const [proposer, ...members] = await createMembers(db, 4);
    const people = { proposer, members, chair: await createChair(db) };
    const commissioner = await createCommissioner(db, body.bodyId);
    // Six answered motions, ten promised actions each, due on days 1 to 60: sixty overdue by day 100.
    const step = (n: number) => `Step ${String(n).padStart(2, "0")} of the plan`;
    for (let i = 0; i < 6; i++) {
      const motion = await carry(holder.server, people, clock.now(), body.bodyId, `Motion ${i + 1} of the plan`);
      const actions = Array.from({ length: 10 }, (_, j) => ({
        description: step(i * 10 + j + 1),
        owner: "Delivery team",
        dueDate: dateAfter(clock.now(), i * 10 + j + 1, zone),
      }));
      await services.responses.publish(commissioner, motion.id, responseInput("accept", { actions }));
    }
    clock.set(T0 + 100 * DAY_MS);

    const client = new BrowserLikeClient(holder.server.url);
    const first = await client.get("/accountability");
    expect(first.html).toContain('<a href="#overdue">Overdue now (60)</a>');
    const one = section(first.html, "overdue");
    expect(one).toContain("1–50 of 60, the longest wait first.");
    expect(one).toContain("Page 1 of 2");
    expect(one).not.toContain("Longer waits");
    expect(one.indexOf(step(1))).toBeLessThan(one.indexOf(step(50)));
    expect(one).not.toContain(step(51));
    expect(first.html).toContain('href="/accountability?overdue-page=2#overdue"');

    const two = section((await client.get("/accountability?overdue-page=2")).html, "overdue");
    expect(two).toContain("51–60 of 60, the longest wait first.");
    expect(two).toContain("Page 2 of 2");
    expect(two).not.toContain(step(50));
    expect(two.indexOf(step(51))).toBeLessThan(two.indexOf(step(60)));
    // A page number that is not one shows the first page.
    for (const junk of ["abc", "0", "99"]) {
      const page = section((await client.get(`/accountability?overdue-page=${junk}`)).html, "overdue");
      expect(page, junk).toContain(junk === "99" ? "51–60 of 60" : "1–50 of 60");
    }

    // On the body's page the list's links keep the page of motions the reader is on.
    const slug = (await db.selectFrom("bodies").select("slug").where("id", "=", body.bodyId).executeTakeFirstOrThrow()).slug;
    const bodyPage = await client.get(`/bodies/${slug}?page=1&overdue-page=2`);
    expect(bodyPage.status).toBe(200);
    expect(section(bodyPage.html, "overdue")).toContain("51–60 of 60");
    expect(bodyPage.html).toContain(`href="/bodies/${slug}?page=1&amp;overdue-page=1#overdue"`);
  });
});
