// Open data over HTTP, on a small real history made with the real services: the CSV and the
// Popolo JSON carry every public motion with its votes, outcome and response, and nothing that
// is not public (drafts, emails, hidden posts, deleted members' names, secret choices).
import { parse } from "csv-parse/sync";
import { beforeAll, expect, it } from "vitest";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createBody, createChair, createCommissioner, createMember, motionInput, responseInput } from "../support/factories";
import { type TestServer, useTestServer } from "../support/server";

const tag = () => Math.random().toString(36).slice(2, 7);

/** A small record: carried (recorded vote, answered, acted on), defeated, secret, still voting in secret, and a draft. */
async function buildRecord(server: TestServer) {
  const db = server.database.db;
  const services = server.services;
  const closesAt = () => epochToZonedLocal(services.clock.now() + 7 * DAY_MS, services.rules.timeZone);
  const person = (name: string) => createMember(db, { displayName: `${name} ${tag()}` });
  const body = await createBody(db, { name: `Riverside ICB, North ${tag()}` });
  const otherBody = await createBody(db, { name: `The "Other" Council ${tag()}` });
  const chair = await createChair(db);
  const commissioner = await createCommissioner(db, body.id);
  const [proposer, seconderA, seconderB, voterA, voterB, leaver] = await Promise.all(
    ["Proposer Wren", "Seconder Ash", "Seconder Elm", "Voter Fern", "Voter Moss", "Leaver Rook"].map(person),
  );
  const secretVoters = await Promise.all(["Secret Quill", "Secret Heron", "Secret Lark", "Secret Vole", "Secret Newt", "Secret Mink"].map(person));

  async function seconded(title: string, bodyId: number) {
    const { id, number } = await services.motions.raise(proposer, motionInput(bodyId, { title }), { publish: true });
    await services.motions.second(seconderA, id);
    await services.motions.second(seconderB, id);
    return { id, number: number!, title };
  }
  async function decide(motionId: number, kind: "recorded" | "secret", votes: [TestPerson, "for" | "against" | "abstain"][], close = true) {
    const { ballotId } = await services.ballots.open(chair, motionId, { kind, rule: "simple", closesAt: closesAt() });
    for (const [member, choice] of votes) await services.ballots.vote(member, ballotId, { choice });
    if (close) await services.ballots.close(chair, ballotId);
    return ballotId;
  }

  // Commas, quotes and a line break: the CSV must quote them and give them back exactly.
  const carried = await seconded(`Open "crisis cafés" late, every night,\nnot only at weekends ${tag()}`, body.id);
  await decide(carried.id, "recorded", [
    [proposer, "for"],
    [voterA, "for"],
    [leaver, "for"],
    [voterB, "against"],
    [seconderA, "abstain"],
  ]);
  await services.responses.holdingReply(commissioner, carried.id, {
    reason: "Our board meets next month and must agree the funding first.",
    expectedDate: "2030-01-15",
  });
  const promise = { description: "Add a question about late opening to the crisis plan", owner: "Crisis services team", dueDate: "2035-06-30" };
  await services.responses.publish(commissioner, carried.id, responseInput("accept_in_part", { actions: [promise] }));
  const action = await db.selectFrom("response_actions").select("id").where("motion_id", "=", carried.id).executeTakeFirstOrThrow();
  await services.actions.update(commissioner, { actionId: action.id, status: "in_progress", progress: 40, note: "The new question is in draft." });
  const hiddenText = `Private details someone should not have posted ${tag()}`;
  const { postId } = await services.threads.post(voterA, carried.id, { stance: "for", body: hiddenText });
  await services.threads.hide(chair, { postId, reason: "Personal details" });

  const defeated = await seconded(`Close the day centre on Sundays ${tag()}`, body.id);
  await decide(defeated.id, "recorded", [
    [voterA, "against"],
    [voterB, "against"],
    [proposer, "for"],
  ]);

  const secret = await seconded(`Judge services by what members say ${tag()}`, otherBody.id);
  await decide(secret.id, "secret", [
    [secretVoters[0], "for"],
    [secretVoters[1], "for"],
    [secretVoters[2], "against"],
    [secretVoters[3], "abstain"],
  ]);
  const stillVoting = await seconded(`Publish waiting times every month ${tag()}`, otherBody.id);
  await decide(stillVoting.id, "secret", [[secretVoters[4], "for"], [secretVoters[5], "against"]], false);

  const draft = await services.motions.raise(proposer, motionInput(body.id, { title: `A draft nobody else may see ${tag()}` }));
  const draftTitle = (await db.selectFrom("motions").select("title").where("id", "=", draft.id).executeTakeFirstOrThrow()).title;

  // The account is deleted after the vote: the record keeps the vote, not the name.
  await db.updateTable("users").set({ status: "deleted" }).where("id", "=", leaver.id).execute();

  return { body, otherBody, commissioner, proposer, voterA, voterB, leaver, secretVoters, carried, defeated, secret, stillVoting, draftTitle, hiddenText };
}

type CsvRow = Record<string, string>;

describeEachDatabase("open data: CSV and Popolo JSON", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  let record: Awaited<ReturnType<typeof buildRecord>>;
  beforeAll(async () => {
    record = await buildRecord(holder.server);
  });
  const get = (path: string) => fetch(new URL(path, holder.server.url));

  it("/record.csv is a UTF-8 CSV download, one row per public motion, whose quoted titles parse back exactly", async () => {
    const response = await get("/record.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="record.csv"');
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    const csv = await response.text();
    expect(csv.startsWith("number,title,status,body,body_slug,proposer,published_at,seconded_at,decided_at,topics,ballot_kind,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);

    const rows: CsvRow[] = parse(csv, { columns: true });
    const published = await holder.server.database.db.selectFrom("motions").select("id").where("status", "!=", "draft").execute();
    expect(rows).toHaveLength(published.length);
    const byNumber = new Map(rows.map((r) => [r.number, r]));

    const carried = byNumber.get(record.carried.number)!;
    expect(carried).toMatchObject({
      title: record.carried.title,
      status: "carried",
      body: record.body.name,
      proposer: record.proposer.displayName,
      topics: "care assessments; social networks",
      ballot_kind: "recorded",
      ballot_rule: "simple",
      ballot_status: "closed",
      ballot_for: "3",
      ballot_against: "1",
      ballot_abstain: "1",
      ballot_turnout: "5",
      ballot_outcome: "carried",
      response_status: "responded",
      response_on_time: "true",
      response_overdue: "false",
      latest_response_position: "accept_in_part",
      latest_response_version: "1",
      actions_total: "1",
      actions_done: "0",
      actions_overdue: "0",
      url: `${holder.server.url}/motions/${record.carried.number}`,
    });
    for (const field of ["published_at", "seconded_at", "decided_at", "response_due_at", "first_response_at"]) {
      expect(carried[field], field).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    expect(byNumber.get(record.defeated.number)).toMatchObject({ status: "defeated", ballot_outcome: "defeated", response_status: "", first_response_at: "" });
    expect(byNumber.get(record.secret.number)).toMatchObject({
      body: record.otherBody.name,
      ballot_kind: "secret",
      ballot_for: "2",
      ballot_against: "1",
      ballot_abstain: "1",
      ballot_turnout: "4",
      ballot_outcome: "carried",
    });
    // While a secret ballot is open only its turnout is public.
    expect(byNumber.get(record.stillVoting.number)).toMatchObject({
      status: "voting",
      ballot_status: "open",
      ballot_for: "",
      ballot_against: "",
      ballot_abstain: "",
      ballot_turnout: "2",
      ballot_outcome: "",
    });
  });

  it("/record.json is Popolo-shaped: organizations, motions with vote events, counts and recorded votes, and the persons they name", async () => {
    const response = await get("/record.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const data = await response.json();
    expect(Object.keys(data)).toEqual(["meta", "organizations", "motions", "persons"]);
    expect(data.organizations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: "parliament", classification: "parliament" }),
        expect.objectContaining({ id: `body/${record.body.slug}`, name: record.body.name, classification: "commissioning body" }),
      ]),
    );
    const personIds = new Set(data.persons.map((p: { id: string }) => p.id));
    const motion = data.motions.find((m: { id: string }) => m.id === record.carried.number);
    expect(motion).toMatchObject({
      identifier: record.carried.number,
      organization_id: "parliament",
      creator_id: `person/${record.proposer.id}`,
      classification: "motion",
      requirement: "majority",
      result: "pass",
      extras: { title: record.carried.title, status: "carried", addressed_to_id: `body/${record.body.slug}` },
    });
    expect(Date.parse(motion.date)).toBeGreaterThan(0);
    const [vote] = motion.vote_events;
    expect(vote).toMatchObject({ motion_id: record.carried.number, result: "pass", extras: { kind: "recorded", turnout: 5, outcome: "carried" } });
    expect(vote.counts).toEqual([
      { option: "yes", value: 3 },
      { option: "no", value: 1 },
      { option: "abstain", value: 1 },
    ]);
    expect(vote.votes).toEqual(
      expect.arrayContaining([
        { voter_id: `person/${record.voterA.id}`, option: "yes" },
        { voter_id: `person/${record.voterB.id}`, option: "no" },
        { voter_id: "person/former-member", option: "yes" },
      ]),
    );
    expect(vote.votes).toHaveLength(5);
    for (const v of vote.votes) expect(personIds.has(v.voter_id), v.voter_id).toBe(true);
    expect(personIds.has(motion.creator_id)).toBe(true);
    expect(data.persons).toContainEqual({ id: "person/former-member", name: "Former member" });

    expect(motion.extras.response_clock).toMatchObject({ status: "responded", on_time: true, overdue: false });
    expect(motion.extras.responses).toEqual([expect.objectContaining({ version: 1, position: "accept_in_part", on_time: true })]);
    expect(motion.extras.holding_replies).toEqual([expect.objectContaining({ reason: "Our board meets next month and must agree the funding first." })]);
    expect(motion.extras.actions).toEqual([
      expect.objectContaining({
        response_version: 1,
        status: "in_progress",
        progress: 40,
        overdue: false,
        updates: [expect.objectContaining({ note: "The new question is in draft.", status: "in_progress", progress: 40 })],
      }),
    ]);
    const defeated = data.motions.find((m: { id: string }) => m.id === record.defeated.number);
    expect(defeated).toMatchObject({ result: "fail", vote_events: [expect.objectContaining({ result: "fail" })] });
  });

  it("a secret ballot has counts and no votes, and no secret voter's name or id appears in any export or feed", async () => {
    const data = await (await get("/record.json")).json();
    const secret = data.motions.find((m: { id: string }) => m.id === record.secret.number);
    expect(secret.vote_events).toHaveLength(1);
    expect(secret.vote_events[0]).not.toHaveProperty("votes");
    expect(secret.vote_events[0].counts).toEqual([
      { option: "yes", value: 2 },
      { option: "no", value: 1 },
      { option: "abstain", value: 1 },
    ]);
    const open = data.motions.find((m: { id: string }) => m.id === record.stillVoting.number);
    expect(open.vote_events[0]).toMatchObject({ counts: [], result: null, extras: { status: "open", turnout: 2 } });
    expect(open.vote_events[0]).not.toHaveProperty("votes");

    const paths = [
      "/record.csv",
      "/record.json",
      `/motions/${record.secret.number}.json`,
      `/motions/${record.stillVoting.number}.json`,
      "/feed.atom",
      `/bodies/${record.otherBody.slug}/feed.atom`,
    ];
    for (const path of paths) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      const raw = Buffer.from(await response.arrayBuffer()).toString("utf8");
      for (const voter of record.secretVoters) {
        expect(raw.includes(voter.displayName), `${voter.displayName} in ${path}`).toBe(false);
        expect(raw.includes(voter.id), `${voter.id} in ${path}`).toBe(false);
      }
    }
  });

  it("drafts, hidden posts, emails and deleted members' names appear nowhere", async () => {
    const everything = await Promise.all(["/record.csv", "/record.json", `/motions/${record.carried.number}.json`, "/feed.atom"].map((p) => get(p).then((r) => r.text())));
    const people = [record.proposer, record.voterA, record.voterB, record.leaver, record.commissioner, ...record.secretVoters];
    for (const raw of everything) {
      expect(raw).not.toContain(record.draftTitle);
      expect(raw).not.toContain(record.hiddenText);
      expect(raw).not.toContain(record.leaver.displayName);
      expect(raw).not.toContain(record.leaver.id);
      for (const p of people) expect(raw).not.toContain(p.email);
    }
    expect(everything[0]).toContain(record.proposer.displayName);
    expect(everything[1]).toContain("Former member");
  });

  it("/motions/<number>.json gives one motion in the same shape; an unknown number is a JSON 404", async () => {
    const response = await get(`/motions/${record.carried.number}.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const one = await response.json();
    const all = await (await get("/record.json")).json();
    expect(Object.keys(one)).toEqual(["meta", "organizations", "motions", "persons"]);
    expect(one.motions).toEqual([all.motions.find((m: { id: string }) => m.id === record.carried.number)]);
    expect(one.organizations.map((o: { id: string }) => o.id)).toEqual(["parliament", `body/${record.body.slug}`]);
    // Only the people this motion names: its proposer, seconders and recorded voters.
    const named = new Set([one.motions[0].creator_id, ...one.motions[0].vote_events[0].votes.map((v: { voter_id: string }) => v.voter_id)]);
    for (const s of one.motions[0].extras.seconders) named.add(s.person_id);
    expect(new Set(one.persons.map((p: { id: string }) => p.id))).toEqual(named);
    expect(all.persons).toEqual(expect.arrayContaining(one.persons));

    for (const missing of ["/motions/M-1999-001.json", "/motions/not-a-number.json"]) {
      const notFound = await get(missing);
      expect(notFound.status, missing).toBe(404);
      expect(notFound.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await notFound.json()).toEqual({ error: expect.stringContaining("There is no public motion numbered") });
    }
    // The motion's page is still the page: only the .json address is data.
    const page = await fetch(new URL(`/motions/${record.carried.number}`, holder.server.url), { headers: { Accept: "text/html" } });
    expect(page.headers.get("content-type")).toContain("text/html");
  });
});
