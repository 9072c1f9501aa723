import { expect, it } from "vitest";
import { DAY_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createBody, createChair, createCommissioner, createMembers, motionInput, responseInput } from "../support/factories";
import { type TestParliament, closingIn, dateIn, useParliament } from "../support/parliament";

const T0 = Date.UTC(2026, 2, 2, 10, 0, 0);

interface Cast {
  proposer: TestPerson;
  members: TestPerson[];
  chair: TestPerson;
}

async function cast(t: TestParliament): Promise<Cast> {
  const [proposer, ...members] = await createMembers(t.db, 5);
  return { proposer, members, chair: await createChair(t.db) };
}

/** Raise, second and vote on a motion to `bodyId`, decided now by the chair. */
async function decide(t: TestParliament, c: Cast, bodyId: number, title: string, choice: "for" | "against" = "for") {
  const { id, number } = await t.services.motions.raise(c.proposer, motionInput(bodyId, { title }), { publish: true });
  for (const m of c.members.slice(0, 2)) await t.services.motions.second(m, id);
  const { ballotId } = await t.services.ballots.open(c.chair, id, { kind: "recorded", rule: "simple", closesAt: closingIn(t, 7) });
  for (const m of [c.proposer, ...c.members]) await t.services.ballots.vote(m, ballotId, { choice });
  await t.services.ballots.close(c.chair, ballotId);
  return { id, number: number! };
}

const at = (t: TestParliament, day: number) => t.clock.set(T0 + day * DAY_MS);

describeEachDatabase("the accountability figures", (dialect) => {
  const t = useParliament(dialect);

  /**
   * Body A (eight weeks to answer): answered on day 10, 20 and 60 (late); one overdue, one not
   * yet due; one defeated, one open, one draft. Its first answer promised four actions: one
   * done, one overdue, one not yet due, one dropped. Body B (four weeks) never answered.
   */
  async function history() {
    const a = await createBody(t.db, { name: "Body A" });
    const b = await createBody(t.db, { name: "Body B", responsePeriodDays: 28 });
    const c = await cast(t);
    const commissioner = await createCommissioner(t.db, a.id);
    const answer = (motionId: number, input = responseInput("decline")) => t.services.responses.publish(commissioner, motionId, input);

    const m1 = await decide(t, c, a.id, "Motion one: answered in ten days");
    at(t, 1);
    const m2 = await decide(t, c, a.id, "Motion two: answered late");
    at(t, 2);
    const m3 = await decide(t, c, a.id, "Motion three: never answered");
    at(t, 3);
    const m8 = await decide(t, c, a.id, "Motion four: answered in twenty days");
    at(t, 5);
    const bMotion = await decide(t, c, b.id, "Body B's motion: never answered");
    at(t, 6);
    await decide(t, c, a.id, "Motion five: defeated", "against");
    await t.services.motions.raise(c.proposer, motionInput(a.id, { title: "Motion six: open" }), { publish: true });
    await t.services.motions.raise(c.proposer, motionInput(a.id, { title: "Motion seven: a draft" }));

    at(t, 10);
    await answer(m1.id, responseInput("accept", {
      actions: [
        { description: "Action one, delivered", owner: "Team one", dueDate: dateIn(t, 30) },
        { description: "Action two, running late", owner: "Team two", dueDate: dateIn(t, 90) },
        { description: "Action three, not yet due", owner: "Team three", dueDate: dateIn(t, 190) },
        { description: "Action four, dropped", owner: "Team four", dueDate: dateIn(t, 290) },
      ],
    }));
    const [one, two, , four] = await t.db.selectFrom("response_actions").select(["id", "due_at"]).orderBy("position").execute();
    at(t, 23);
    await answer(m8.id);
    at(t, 30);
    await t.services.actions.update(commissioner, { actionId: one.id, status: "done", progress: 100, note: "Delivered on time." });
    at(t, 50);
    await t.services.actions.update(commissioner, { actionId: two.id, status: "in_progress", progress: 30, note: "Under way." });
    at(t, 60);
    await t.services.actions.update(commissioner, { actionId: four.id, status: "dropped", progress: 0, note: "Stopped.", dropReason: "Replaced by a national scheme." });
    at(t, 61);
    await answer(m2.id);
    at(t, 110);
    const m4 = await decide(t, c, a.id, "Motion eight: carried recently");
    at(t, 120);
    return { a, b, m1, m2, m3, m4, bMotion, lateAction: two };
  }

  it("counts each body's motions, responses and actions from the clock", async () => {
    const h = await history();
    const { bodies } = await t.services.read.accountability();
    expect(bodies.map((b) => b.name)).toEqual(["Body A", "Body B"]);
    const [a, b] = bodies;
    expect(a).toMatchObject({
      id: h.a.id,
      slug: h.a.slug,
      responsePeriodDays: 56,
      addressed: 7,
      carried: 5,
      responses: { onTime: 2, late: 1, outstanding: 2, overdue: 1 },
      medianDaysToRespond: 20,
      actions: { done: 1, inProgress: 1, overdue: 1, dropped: 1 },
    });
    expect(b).toMatchObject({
      addressed: 1,
      carried: 1,
      responses: { onTime: 0, late: 0, outstanding: 1, overdue: 1 },
      medianDaysToRespond: null,
      actions: { done: 0, inProgress: 0, overdue: 0, dropped: 0 },
    });
  });

  it("lists everything overdue, longest wait first", async () => {
    const h = await history();
    const { overdue } = await t.services.read.accountability();
    expect(overdue).toEqual([
      { kind: "response", bodyName: "Body B", bodySlug: h.b.slug, number: h.bMotion.number, title: "Body B's motion: never answered", action: null, dueAt: T0 + 33 * DAY_MS, daysOverdue: 87 },
      { kind: "response", bodyName: "Body A", bodySlug: h.a.slug, number: h.m3.number, title: "Motion three: never answered", action: null, dueAt: T0 + 58 * DAY_MS, daysOverdue: 62 },
      {
        kind: "action",
        bodyName: "Body A",
        bodySlug: h.a.slug,
        number: h.m1.number,
        title: "Motion one: answered in ten days",
        action: "Action two, running late",
        dueAt: h.lateAction.due_at,
        daysOverdue: Math.floor((t.clock.now() - h.lateAction.due_at) / DAY_MS),
      },
    ]);
    expect(overdue[2].daysOverdue).toBe(19);
  });

  it("a body's page has its own record and its motions, newest first, a page at a time", async () => {
    const h = await history();
    const page = await t.services.read.bodyPage(h.a.slug, { page: 1, perPage: 25 });
    const { bodies } = await t.services.read.accountability();
    expect(page?.record).toEqual(bodies[0]);
    expect(page?.overdue.map((o) => o.number)).toEqual([h.m3.number, h.m1.number]);
    expect(page?.motions).toHaveLength(7);
    expect(page).toMatchObject({ total: 7, page: 1, pages: 1 });
    expect(page?.motions[0]).toMatchObject({ title: "Motion eight: carried recently", status: "carried", response_status: "awaiting" });
    expect(page?.motions.map((m) => m.status)).not.toContain("draft");
    expect(await t.services.read.bodyPage("no-such-body", { page: 1, perPage: 25 })).toBeNull();

    // Three a page: the pages follow on from each other, and a page past the end shows the last.
    const pages = await Promise.all([1, 2, 3].map((n) => t.services.read.bodyPage(h.a.slug, { page: n, perPage: 3 })));
    expect(pages.map((p) => p?.motions.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((p) => p!.motions.map((m) => m.number))).toEqual(page!.motions.map((m) => m.number));
    expect(await t.services.read.bodyPage(h.a.slug, { page: 9, perPage: 3 })).toMatchObject({ page: 3, pages: 3, total: 7 });
  });
});

describeEachDatabase("you said, we did", (dialect) => {
  const t = useParliament(dialect);

  it("tells one motion's whole story: the vote, every response, holding replies, verdicts and actions with their updates", async () => {
    const body = await createBody(t.db, { name: "Riverside Council" });
    const c = await cast(t);
    const commissioner = await createCommissioner(t.db, body.id);
    const motion = await decide(t, c, body.id, "Count pets as part of a person's circle of support");
    at(t, 50);
    await t.services.responses.holdingReply(commissioner, motion.id, { reason: "The finance committee meets next month; we will answer after it.", expectedDate: dateIn(t, 20) });
    at(t, 60);
    const v1 = await t.services.responses.publish(commissioner, motion.id, responseInput("accept_in_part", {
      actions: [{ description: "Add a question about pets to the form", owner: "Assessment team", dueDate: dateIn(t, 60) }],
    }));
    const action = await t.db.selectFrom("response_actions").select("id").executeTakeFirstOrThrow();
    at(t, 62);
    await t.services.actions.update(commissioner, { actionId: action.id, status: "in_progress", progress: 25, note: "Wording drafted with members." });
    const { ballotId: verdictId } = await t.services.verdicts.open(c.chair, v1.responseId, { closesAt: closingIn(t, 7) });

    // While members vote in secret, only turnout shows.
    await t.services.ballots.vote(c.members[0], verdictId, { choice: "against" });
    const during = await t.services.read.youSaidWeDid(motion.number);
    expect(during?.verdicts).toEqual([expect.objectContaining({ id: verdictId, status: "open", kind: "secret", turnout: 1, counts: null })]);

    for (const m of c.members.slice(1, 4)) await t.services.ballots.vote(m, verdictId, { choice: "against" });
    at(t, 70);
    await t.services.ballots.closeDue();
    at(t, 80);
    await t.services.responses.publish(commissioner, motion.id, responseInput("accept", {
      reasons: "Having listened to members, we accept the motion in full and will fund fostering for hospital stays.",
      actions: [{ description: "Fund pet fostering during hospital stays", owner: "Commissioning team", dueDate: dateIn(t, 120) }],
    }));
    at(t, 85);

    const story = await t.services.read.youSaidWeDid(motion.number);
    expect(story?.motion).toMatchObject({
      number: motion.number,
      title: "Count pets as part of a person's circle of support",
      status: "carried",
      response_status: "responded",
      decided_at: T0,
      body_name: "Riverside Council",
      body_slug: body.slug,
    });
    expect(story?.decision).toEqual([expect.objectContaining({ kind: "recorded", status: "closed", outcome: "carried", counts: { for: 5, against: 0, abstain: 0 } })]);
    expect(story?.decision[0].roll).toHaveLength(5);
    expect(story?.verdicts).toEqual([
      expect.objectContaining({ id: verdictId, kind: "secret", outcome: "defeated", counts: { for: 0, against: 4, abstain: 0 }, roll: [] }),
    ]);
    expect(story?.responses).toEqual([
      expect.objectContaining({ version: 1, position: "accept_in_part", publishedAt: T0 + 60 * DAY_MS, dueAt: T0 + 56 * DAY_MS, onTime: false, publishedBy: commissioner.displayName }),
      expect.objectContaining({ version: 2, position: "accept", publishedAt: T0 + 80 * DAY_MS, dueAt: T0 + (62 + 7 + 56) * DAY_MS, onTime: true }),
    ]);
    expect(story?.holdingReplies).toEqual([expect.objectContaining({ reason: "The finance committee meets next month; we will answer after it.", publishedAt: T0 + 50 * DAY_MS })]);
    expect(story?.actions).toEqual([
      expect.objectContaining({
        description: "Add a question about pets to the form",
        responseId: v1.responseId,
        status: "in_progress",
        progress: 25,
        updates: [{ at: T0 + 62 * DAY_MS, note: "Wording drafted with members.", status: "in_progress", progress: 25 }],
      }),
      expect.objectContaining({ description: "Fund pet fostering during hospital stays", status: "planned", progress: 0, updates: [] }),
    ]);
  });

  it("has nothing to show for an unknown number, and a draft has no number to look up", async () => {
    const body = await createBody(t.db);
    const c = await cast(t);
    await t.services.motions.raise(c.proposer, motionInput(body.id));
    expect(await t.services.read.youSaidWeDid("M-2026-999")).toBeNull();
    const [draft] = await t.db.selectFrom("motions").select("number").execute();
    expect(draft.number).toBeNull();
  });
});
