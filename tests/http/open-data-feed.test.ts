// The Atom feeds over HTTP: decisions, responses, holding replies and action updates, newest
// first, as well-formed Atom 1.0 with stable tag: ids; one feed for everything, one per body.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, expect, it } from "vitest";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createBody, createChair, createCommissioner, createMember, motionInput, responseInput } from "../support/factories";
import { type TestServer, useTestServer } from "../support/server";

const tag = () => Math.random().toString(36).slice(2, 7);

interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  published: string;
  summary: string;
  author: { name: string };
  link: { "@_href": string; "@_rel": string };
  category: { "@_term": string };
}

/** Checks the XML is well formed, then reads it as Atom. */
function readAtom(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "entry" || name === "link" }).parse(xml);
  const feed = parsed.feed;
  expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
  const entries = (feed.entry ?? []).map((e: Record<string, unknown>) => ({ ...e, link: (e.link as AtomEntry["link"][])[0] })) as AtomEntry[];
  return { feed, entries };
}

/** Two bodies; for the first, a motion carried, a holding reply, a response and an action update; for the second, a defeat. */
async function buildFeedHistory(server: TestServer) {
  const db = server.database.db;
  const services = server.services;
  const closesAt = () => epochToZonedLocal(services.clock.now() + 7 * DAY_MS, services.rules.timeZone);
  const body = await createBody(db, { name: `Riverside ICB ${tag()}` });
  const otherBody = await createBody(db, { name: `Riverside Council ${tag()}` });
  const chair = await createChair(db);
  const commissioner = await createCommissioner(db, body.id);
  const [proposer, a, b] = [await createMember(db), await createMember(db), await createMember(db)];

  async function decided(title: string, bodyId: number, choice: "for" | "against") {
    const { id, number } = await services.motions.raise(proposer, motionInput(bodyId, { title }), { publish: true });
    await services.motions.second(a, id);
    await services.motions.second(b, id);
    const { ballotId } = await services.ballots.open(chair, id, { kind: "secret", rule: "simple", closesAt: closesAt() });
    for (const m of [proposer, a, b]) await services.ballots.vote(m, ballotId, { choice });
    await services.ballots.close(chair, ballotId);
    return { id, number: number!, title, ballotId };
  }

  // Markup characters in a title must arrive as text, not as XML.
  const carried = await decided(`Beds & "safe spaces" <now>, not later ${tag()}`, body.id, "for");
  await services.responses.holdingReply(commissioner, carried.id, { reason: "We need the finance committee to agree the money first.", expectedDate: "2030-01-15" });
  const promise = { description: "Open two more safe spaces", owner: "Crisis services team", dueDate: "2035-06-30" };
  await services.responses.publish(commissioner, carried.id, responseInput("accept", { actions: [promise] }));
  const action = await db.selectFrom("response_actions").select("id").where("motion_id", "=", carried.id).executeTakeFirstOrThrow();
  await services.actions.update(commissioner, { actionId: action.id, status: "in_progress", progress: 30, note: "A building has been found for the first one." });
  const defeated = await decided(`Shut the drop-in on bank holidays ${tag()}`, otherBody.id, "against");
  return { body, otherBody, commissioner, carried, defeated, actionId: action.id };
}

describeEachDatabase("open data: Atom feeds", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  let history: Awaited<ReturnType<typeof buildFeedHistory>>;
  beforeAll(async () => {
    history = await buildFeedHistory(holder.server);
  });
  const get = (path: string) => fetch(new URL(path, holder.server.url));

  it("/feed.atom is Atom 1.0 with decisions, responses, holding replies and action updates, newest first", async () => {
    const response = await get("/feed.atom");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    const { feed, entries } = readAtom(await response.text());
    expect(feed.id).toBe(`${holder.server.url}/feed.atom`);
    expect(feed.link).toContainEqual(expect.objectContaining({ "@_rel": "self", "@_href": `${holder.server.url}/feed.atom` }));

    const n = history.carried.number;
    const motionUrl = `${holder.server.url}/motions/${n}`;
    const find = (category: string, number: string) => entries.find((e) => e.category["@_term"] === category && e.link["@_href"].startsWith(`${holder.server.url}/motions/${number}#`));
    expect(find("decision", n)).toMatchObject({ title: `${n} carried: ${history.carried.title}`, link: { "@_href": `${motionUrl}#ballot-${history.carried.ballotId}` } });
    expect(find("decision", n)!.summary).toContain("For 3, against 0, abstain 0");
    expect(find("holding-reply", n)).toMatchObject({ author: { name: history.body.name }, link: { "@_href": `${motionUrl}#response` } });
    expect(find("holding-reply", n)!.summary).toContain("We need the finance committee to agree the money first.");
    expect(find("response", n)).toMatchObject({ title: `${history.body.name} responded to ${n}: Accept`, link: { "@_href": `${motionUrl}#response-1` } });
    expect(find("action-update", n)).toMatchObject({
      title: `Action on ${n} in progress (30%): Open two more safe spaces`,
      summary: "A building has been found for the first one.",
    });
    expect(find("decision", history.defeated.number)?.title).toBe(`${history.defeated.number} defeated: ${history.defeated.title}`);

    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    for (const e of entries) {
      expect(e.id).toMatch(/^tag:(localhost|127\.0\.0\.1),\d{4}-\d{2}-\d{2}:[a-z-]+\/[a-z/]*\d+$/);
      expect(e.updated).toBe(e.published);
    }
    const times = entries.map((e) => Date.parse(e.updated));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(Date.parse(feed.updated)).toBe(times[0]);
  });

  it("entry ids do not change between fetches, so readers show each event once", async () => {
    const first = readAtom(await (await get("/feed.atom")).text()).entries.map((e) => e.id);
    const second = readAtom(await (await get("/feed.atom")).text()).entries.map((e) => e.id);
    expect(second).toEqual(first);
  });

  it("a body's feed has only the motions addressed to it; an unknown body is a 404", async () => {
    const response = await get(`/bodies/${history.body.slug}/feed.atom`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const { feed, entries } = readAtom(await response.text());
    expect(feed.id).toBe(`${holder.server.url}/bodies/${history.body.slug}/feed.atom`);
    expect(feed.title).toContain(history.body.name);
    expect(entries.map((e) => e.category["@_term"]).sort()).toEqual(["action-update", "decision", "holding-reply", "response"]);
    for (const e of entries) expect(e.link["@_href"]).toContain(`/motions/${history.carried.number}#`);

    const other = readAtom(await (await get(`/bodies/${history.otherBody.slug}/feed.atom`)).text());
    expect(other.entries.map((e) => e.title)).toEqual([`${history.defeated.number} defeated: ${history.defeated.title}`]);

    const missing = await get("/bodies/no-such-body/feed.atom");
    expect(missing.status).toBe(404);
  });

  it("the feed keeps the newest 50 entries", async () => {
    for (let progress = 31; progress <= 85; progress++) {
      await holder.server.services.actions.update(history.commissioner, {
        actionId: history.actionId,
        status: "in_progress",
        progress,
        note: `Progress report number ${progress}.`,
      });
    }
    const { entries } = readAtom(await (await get(`/bodies/${history.body.slug}/feed.atom`)).text());
    expect(entries).toHaveLength(50);
    expect(entries[0].summary).toBe("Progress report number 85.");
    expect(entries[49].summary).toBe("Progress report number 36.");
  });
});

describeEachDatabase("open data: links when PUBLIC_URL is set", (dialect) => {
  const holder = useTestServer(dialect, { publicUrl: "https://parliament.example.org/" });

  it("feeds and exports link to the public address, whatever Host the request names", async () => {
    const { id } = await holder.server.services.motions.raise(await createMember(holder.server.database.db), motionInput((await createBody(holder.server.database.db)).id), { publish: true });
    const number = (await holder.server.database.db.selectFrom("motions").select("number").where("id", "=", id).executeTakeFirstOrThrow()).number;
    // A shared cache must not keep a copy pointing wherever a forged Host header said.
    const headers = { Host: "attacker.example" };
    const feed = readAtom(await (await fetch(new URL("/feed.atom", holder.server.url), { headers })).text()).feed;
    expect(feed.id).toBe("https://parliament.example.org/feed.atom");
    const motion = await (await fetch(new URL(`/motions/${number}.json`, holder.server.url), { headers })).text();
    expect(motion).toContain(`https://parliament.example.org/motions/${number}`);
    expect(motion).not.toContain("attacker.example");
  });
});
