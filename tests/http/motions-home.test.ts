import { expect, it } from "vitest";
import { formatDate, formatDateTime } from "../../app/lib/format";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { defaultRules } from "../../server/services/deps";
import { BrowserLikeClient, textOf } from "../support/browser-like-client";
import { type ManualClock, manualClock } from "../support/clock";
import { describeEachDatabase } from "../support/databases";
import { createBody, createChair, createCommissioner, createMember, createMembers, motionInput } from "../support/factories";
import { type TestServer, useTestServer } from "../support/server";

const zone = defaultRules.timeZone;

/** The visible text of one home-page section, found by its heading's id. */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `section ${id} is on the page`).toBeGreaterThan(-1);
  const end = html.indexOf("</section>", start);
  return textOf(html.slice(start, end));
}

/** A published motion with its own body, proposer and four other members, via the real services. */
async function published(server: TestServer, title: string) {
  const db = server.database.db;
  const body = await createBody(db, { name: `Body for ${title}` });
  const [proposer, ...members] = await createMembers(db, 5);
  const { id, number } = await server.services.motions.raise(proposer, motionInput(body.id, { title }), { publish: true });
  return { id, number: number!, members, proposer, bodyId: body.id, bodyName: body.name };
}

async function voting(server: TestServer, clock: ManualClock, title: string) {
  const scene = await published(server, title);
  const chair = await createChair(server.database.db);
  await server.services.motions.second(scene.members[0], scene.id);
  await server.services.motions.second(scene.members[1], scene.id);
  const closesAt = epochToZonedLocal(clock.now() + 7 * DAY_MS, zone);
  const { ballotId } = await server.services.ballots.open(chair, scene.id, { kind: "secret", rule: "simple", closesAt });
  return { ...scene, chair, ballotId };
}

async function decided(server: TestServer, clock: ManualClock, title: string, choice: "for" | "against") {
  const scene = await voting(server, clock, title);
  for (const m of [scene.proposer, ...scene.members]) await server.services.ballots.vote(m, scene.ballotId, { choice });
  await server.services.ballots.close(scene.chair, scene.ballotId);
  return scene;
}

describeEachDatabase("the home page of an empty parliament", (dialect) => {
  const holder = useTestServer(dialect);

  it("explains the parliament, shows how to take part, and has a calm empty state in every section", async () => {
    const client = new BrowserLikeClient(holder.server.url);
    const page = await client.get("/");
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain("people with lived experience of mental ill-health");
    expect(text).toContain("commissioners who fund those services answer in public");
    expect(text).toContain("Membership is by invitation");
    expect(page.html).toContain('href="/login"');
    expect(section(page.html, "voting-now")).toContain("No votes are open right now.");
    expect(section(page.html, "open-for-seconding")).toContain("No motions are waiting for seconders at the moment.");
    expect(section(page.html, "recent-decisions")).toContain("Nothing has been decided yet.");
    expect(section(page.html, "responses-due")).toContain("No responses are owed right now.");
    expect(page.html).toMatch(/<title>Home · [^<]+<\/title>/);
  });

  it("invites a signed-in member to raise a motion, and nobody else", async () => {
    const db = holder.server.database.db;
    const member = await createMember(db);
    const memberClient = new BrowserLikeClient(holder.server.url);
    await memberClient.signIn(member.email, member.password);
    const memberHome = textOf((await memberClient.get("/")).html);
    expect(memberHome).toContain("Is there something you want to change?");
    expect(memberHome).not.toContain("Membership is by invitation");

    const body = await createBody(db);
    const commissioner = await createCommissioner(db, body.id);
    const commissionerClient = new BrowserLikeClient(holder.server.url);
    await commissionerClient.signIn(commissioner.email, commissioner.password);
    const commissionerHome = textOf((await commissionerClient.get("/")).html);
    expect(commissionerHome).not.toContain("Is there something you want to change?");
    expect(commissionerHome).toContain("Answering motions");
  });
});

describeEachDatabase("the home page of a busy parliament", (dialect) => {
  const clock = manualClock();
  const holder = useTestServer(dialect, { clock });

  it("lists votes open now, motions open for seconding, recent decisions and the responses owed", async () => {
    const server = holder.server;
    const overdue = await decided(server, clock, "Ask about pets in every care assessment", "for");
    const defeated = await decided(server, clock, "Close the day centre on Sundays", "against");
    // Sixty days on, the first answer (due within 56 days) is four days late.
    clock.advance(60 * DAY_MS);
    const recent = await decided(server, clock, "Fund peer support groups in every ward", "for");
    const vote = await voting(server, clock, "Open the crisis cafe every evening");
    const open = await published(server, "Map the social networks of people leaving hospital");
    await server.services.motions.second(open.members[0], open.id);

    const page = await new BrowserLikeClient(server.url).get("/");
    expect(page.status).toBe(200);

    const votingNow = section(page.html, "voting-now");
    const ballot = await server.database.db
      .selectFrom("ballots")
      .select("closes_at")
      .where("id", "=", vote.ballotId)
      .executeTakeFirstOrThrow();
    expect(votingNow).toContain(vote.number);
    expect(votingNow).toContain("Open the crisis cafe every evening");
    expect(votingNow).toContain(`Voting closes ${formatDateTime(ballot.closes_at!, zone)}`);
    expect(votingNow).not.toContain("No votes are open right now.");

    const seconding = section(page.html, "open-for-seconding");
    expect(seconding).toContain("Map the social networks of people leaving hospital");
    expect(seconding).toContain("1 of 2 seconders so far");
    expect(seconding).toContain(`lapses on ${formatDate(clock.now() + 28 * DAY_MS, zone)}`);
    expect(seconding).not.toContain("Open the crisis cafe every evening");

    const decisions = section(page.html, "recent-decisions");
    expect(decisions).toContain(`${recent.number} Fund peer support groups in every ward`);
    expect(decisions).toContain(`${defeated.number} Close the day centre on Sundays`);
    expect(decisions).toContain(`Carried on ${formatDate(clock.now(), zone)}`);
    expect(decisions).toContain("Defeated on");
    // Newest decision first, carried and defeated together.
    expect(decisions.indexOf(recent.number)).toBeLessThan(decisions.indexOf(overdue.number));
    expect(decisions.indexOf(recent.number)).toBeLessThan(decisions.indexOf(defeated.number));

    const due = section(page.html, "responses-due");
    expect(due).toContain(`${overdue.bodyName} should respond by`);
    expect(due).toMatch(new RegExp(`${overdue.number}[^]*overdue by 4 days`));
    expect(due).toMatch(new RegExp(`${recent.number}[^]*56 days left`));
    expect(due).toContain("Response overdue");
    expect(due).not.toContain(defeated.number);
    // The most pressing answer comes first.
    expect(due.indexOf(overdue.number)).toBeLessThan(due.indexOf(recent.number));
  });
});

describeEachDatabase("the home page's recent decisions", (dialect) => {
  const clock = manualClock();
  // Each decision brings its own members; a low quorum keeps every ballot quorate.
  const holder = useTestServer(dialect, { clock, rules: { quorumPercent: 1 } });

  it("are the six newest, carried and defeated together, newest first", async () => {
    const made: string[] = [];
    for (let i = 0; i < 8; i++) {
      // carried, carried, defeated, carried, defeated, defeated, ...: each status has runs
      const choice = [0, 1, 3, 6].includes(i) ? "for" : "against";
      made.push((await decided(holder.server, clock, `Decision number ${i + 1}`, choice)).number);
      clock.advance(DAY_MS);
    }
    const decisions = section((await new BrowserLikeClient(holder.server.url).get("/")).html, "recent-decisions");
    const shown = made.filter((n) => decisions.includes(n));
    expect(shown).toEqual(made.slice(2));
    const positions = shown.map((n) => decisions.indexOf(n));
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
  });
});
