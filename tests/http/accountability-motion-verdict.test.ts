// After the answer, on the motion page over HTTP as a browser without JavaScript: members ask
// for a verdict on the response, the chair puts it to them, the result is worded from the
// counts, a revised response shows what changed, people follow the motion, the chair closes
// the record, and a visitor who is not signed in reads all of it with nothing to press.
import { expect, it } from "vitest";
import type { Choice } from "../../db/schema";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { formatDate } from "../../app/lib/format";
import { BrowserLikeClient, plain, sectionOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createBody, createChair, createCommissioner, createMember, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

const TIME_ZONE = "Europe/London";

describeEachDatabase("members' verdict and the record on the motion page", (dialect) => {
  // Two asks open a verdict vote; a tiny quorum, because every test adds members to one database.
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1, verdictRequests: 2 } });
  const db = () => holder.server.database.db;
  const services = () => holder.server.services;
  const inDays = (days: number) => epochToZonedLocal(services().clock.now() + days * DAY_MS, TIME_ZONE);

  const signedIn = (person: TestPerson) => BrowserLikeClient.signedIn(holder.server.url, person);

  /** A carried motion answered by its body's commissioner, with one promised action. */
  async function answered() {
    const body = await createBody(db(), { name: `Riverside Care Board ${Math.random().toString(36).slice(2, 6)}` });
    const proposer = await createMember(db());
    const members = [await createMember(db()), await createMember(db()), await createMember(db())];
    const chair = await createChair(db());
    const commissioner = await createCommissioner(db(), body.id);
    const { id, number } = await services().motions.raise(proposer, motionInput(body.id), { publish: true });
    await services().motions.second(members[0], id);
    await services().motions.second(members[1], id);
    const { ballotId } = await services().ballots.open(chair, id, { kind: "recorded", rule: "simple", closesAt: inDays(7) });
    for (const m of [proposer, ...members]) await services().ballots.vote(m, ballotId, { choice: "for" });
    await services().ballots.close(chair, ballotId);
    const { responseId } = await services().responses.publish(commissioner, id, {
      position: "decline",
      reasons: "There is no money for weekend crisis cafés in the coming year.",
      summary: "No weekend crisis cafés this year.",
      actions: [],
    });
    return { body, proposer, members, chair, commissioner, motionId: id, number: number!, path: `/motions/${number}`, responseId };
  }

  type Scene = Awaited<ReturnType<typeof answered>>;

  /** The chair puts the response to a verdict; members vote as given; the chair closes it. */
  async function judged(s: Scene, choices: Choice[]) {
    const { ballotId } = await services().verdicts.open(s.chair, s.responseId, { closesAt: inDays(5) });
    const voters = [s.proposer, ...s.members];
    for (const [i, choice] of choices.entries()) await services().ballots.vote(voters[i], ballotId, { choice });
    const chair = await signedIn(s.chair);
    const closed = await chair.post(s.path, { intent: "close-ballot", ballotId });
    expect(closed.status).toBe(302);
    expect(closed.location).toBe(`${s.path}#verdict`);
    return ballotId;
  }

  const ballotsOf = (motionId: number) => db().selectFrom("ballots").selectAll().where("motion_id", "=", motionId).orderBy("id").execute();

  it("members ask for a verdict vote; the second ask opens it, and members vote in it with the same form", async () => {
    const s = await answered();
    const first = await signedIn(s.members[0]);
    const before = plain(sectionOf((await first.get(s.path)).html, "verdict"));
    expect(before).toContain("0 of 2 members have asked for a verdict vote on response 1.");
    expect(before).toContain("Ask for a verdict vote");

    const asked = await first.post(s.path, { intent: "request-verdict", responseId: s.responseId });
    expect(asked.status).toBe(302);
    expect(asked.location).toBe(`${s.path}#verdict`);
    const afterAsking = await first.follow(asked);
    expect(plain(afterAsking.html)).toContain("Thank you. You asked for a verdict vote (1 of 2 needed).");
    const verdict = plain(sectionOf(afterAsking.html, "verdict"));
    expect(verdict).toContain("1 of 2 members has asked for a verdict vote on response 1.");
    expect(verdict).toContain("You have asked for a verdict vote on this response.");
    expect(verdict).not.toContain("Ask for a verdict vote");

    const second = await signedIn(s.members[1]);
    const opened = await second.follow(await second.post(s.path, { intent: "request-verdict", responseId: s.responseId }));
    expect(plain(opened.html)).toContain("Enough members have asked, so the verdict vote is now open.");
    const [, ballot] = await ballotsOf(s.motionId);
    expect(ballot).toMatchObject({ purpose: "verdict", response_id: s.responseId, status: "open", kind: "secret" });

    const voter = await signedIn(s.members[2]);
    const page = await voter.get(s.path);
    const card = sectionOf(page.html, `ballot-${ballot.id}-panel`);
    expect(sectionOf(page.html, "verdict")).toContain(`id="ballot-${ballot.id}-panel"`);
    expect(sectionOf(page.html, "voting")).not.toContain(`id="ballot-${ballot.id}-panel"`);
    expect(plain(card)).toContain("Verdict on response 1: voting is open now");
    expect(plain(card)).toContain("Is the response adequate?");
    expect(plain(card)).toContain("For means adequate: the response stands.");
    expect(plain(card)).toContain("Against means not adequate: the commissioners are asked for a revised response");
    expect(plain(card)).toContain("Against. Not adequate: ask the commissioners for a revised response, with a new deadline.");

    const voted = await voter.post(s.path, { intent: "vote", ballotId: ballot.id, choice: "against" });
    expect(voted.status).toBe(302);
    expect(voted.location).toBe(`${s.path}#verdict`);
    expect(plain((await voter.follow(voted)).html)).toContain("Thank you, your vote was counted.");
    expect((await ballotsOf(s.motionId))[1].count_against).toBe(1);

    const record = plain(sectionOf(page.html, "record"));
    expect(record).toContain(`${s.members[0].displayName} asked for a verdict vote on the response (1 of 2 needed).`);
    expect(record).toContain("Enough members had asked, so the response went to members' verdict in a secret ballot: is it adequate?");
  });

  it("the chair puts a response to members' verdict directly, with a closing time", async () => {
    const s = await answered();
    const chair = await signedIn(s.chair);
    const form = sectionOf((await chair.get(s.path)).html, "verdict");
    expect(plain(form)).toContain("Put this response to members' verdict");
    expect(form).toMatch(/name="closesAt"/);

    const tooSoon = await chair.post(s.path, { intent: "open-verdict", responseId: s.responseId, closesAt: inDays(0) });
    expect(tooSoon.status).toBe(400);
    expect(plain(sectionOf(tooSoon.html, "verdict"))).toContain("Choose a closing time between 10 minutes and 60 days from now.");
    expect(await ballotsOf(s.motionId)).toHaveLength(1);

    const opened = await chair.post(s.path, { intent: "open-verdict", responseId: s.responseId, closesAt: inDays(3) });
    expect(opened.status).toBe(302);
    expect(opened.location).toBe(`${s.path}#verdict`);
    const [, ballot] = await ballotsOf(s.motionId);
    expect(ballot).toMatchObject({ purpose: "verdict", status: "open", response_id: s.responseId });

    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    expect(plain(sectionOf(page.html, "verdict"))).toContain("Members are voting now on whether response 1 is adequate.");
    expect(plain(sectionOf(page.html, "record"))).toContain(`${s.chair.displayName} put the response to members' verdict in a secret ballot`);
  });

  it("the result is worded from the counts: inadequate asks for a revision by a date, and the page says so", async () => {
    const s = await answered();
    const ballotId = await judged(s, ["against", "against", "for"]);
    const closedAt = (await ballotsOf(s.motionId)).find((b) => b.id === ballotId)!.closed_at!;
    const due = formatDate(closedAt + 56 * DAY_MS, TIME_ZONE);

    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    const card = plain(sectionOf(page.html, `ballot-${ballotId}-panel`));
    expect(card).toContain(`Result: Judged inadequate: a revised response is due by ${due}.`);
    expect(card).toContain("Adequate 1, not adequate 2, abstain 0.");
    expect(card).toContain("For (adequate) 1");
    expect(card).toContain("Against (not adequate) 2");
    const response = plain(sectionOf(page.html, "response"));
    expect(response).toContain(`Revision requested. Members judged the latest response not adequate. ${s.body.name} must publish a revised response by ${due}.`);
    expect(response).toMatch(/56 days left\./);
    expect(page.html).toContain('<span class="tag warn">Revision requested</span>');
    const record = plain(sectionOf(page.html, "record"));
    expect(record).toContain("The chair closed the verdict vote early. Result: Judged not adequate. Adequate 1, not adequate 2, abstain 0");
    expect(record).toContain(`Members judged the response not adequate. A revised response is due by ${due}.`);

    const commissioner = await signedIn(s.commissioner);
    expect(plain(sectionOf((await commissioner.get(s.path)).html, "response"))).toContain("Publish a revised response");
  });

  it("judged adequate, tied, and without quorum: the response stands, each said plainly", async () => {
    const cases: [Choice[], string, string][] = [
      [["for", "for", "against"], "Result: Judged adequate.", "Members judged the response adequate. It stands."],
      [["for", "against", "abstain"], "Result: Tied: the response stands.", "Asking for a revised response needs more votes against than for"],
      [[], "Result: No quorum.", "Not enough members voted for the verdict to count"],
    ];
    for (const [choices, headline, explanation] of cases) {
      const s = await answered();
      const ballotId = await judged(s, choices);
      const page = await new BrowserLikeClient(holder.server.url).get(s.path);
      const card = plain(sectionOf(page.html, `ballot-${ballotId}-panel`));
      expect(card, headline).toContain(headline);
      expect(plain(page.html), headline).toContain(explanation);
      expect(plain(sectionOf(page.html, "response")), headline).not.toContain("Revision requested");
      expect(page.html, headline).toContain('<span class="tag good">Responded</span>');
    }
  });

  it("a revised response is kept beside the first, with what changed shown word by word", async () => {
    const s = await answered();
    await judged(s, ["against", "against"]);
    const commissioner = await signedIn(s.commissioner);
    const revised = await commissioner.post(s.path, {
      intent: "respond",
      position: "accept_in_part",
      reasons: "There is no money for weekend crisis cafés every week, but we will open one café on Saturdays.",
      summary: "One crisis café will open on Saturdays.",
      "actions[0].description": "Open the Riverside crisis café on Saturdays",
      "actions[0].owner": "Crisis services manager",
      "actions[0].dueDate": inDays(90).slice(0, 10),
    });
    expect(revised.status).toBe(302);
    expect(plain((await commissioner.follow(revised)).html)).toContain("Your revised response is published. The earlier one stays on the record beside it.");

    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    const latest = sectionOf(page.html, "response-v2");
    expect(plain(latest)).toContain("Accept in part (response 2, the latest)");
    expect(latest).toContain("<summary>What changed since version 1</summary>");
    expect(plain(latest)).toContain("Position: was Decline, now Accept in part.");
    expect(latest).toMatch(/<ins><span class="visually-hidden">\[added: <\/span>[^<]*Saturdays/);
    expect(latest).toMatch(/<del><span class="visually-hidden">\[removed: <\/span>[^<]*No/);
    expect(plain(sectionOf(page.html, "response-v1"))).toContain("Decline (response 1, replaced)");
    expect(plain(sectionOf(page.html, "actions"))).toContain("Open the Riverside crisis café on Saturdays");
    expect(plain(sectionOf(page.html, "verdict"))).toContain("0 of 2 members have asked for a verdict vote on response 2.");
  });

  it("anyone signed in can follow a motion, and stop", async () => {
    const s = await answered();
    const member = await signedIn(s.members[2]);
    const before = plain(sectionOf((await member.get(s.path)).html, "follow"));
    expect(before).toContain("Follow this motion to get a notice on your notifications page");
    const followed = await member.post(s.path, { intent: "follow" });
    expect(followed.status).toBe(302);
    expect(followed.location).toBe(`${s.path}#follow`);
    const page = await member.follow(followed);
    expect(plain(page.html)).toContain("You are following this motion.");
    expect(plain(sectionOf(page.html, "follow"))).toContain("You follow this motion.");
    expect(plain(sectionOf(page.html, "follow"))).toContain("Stop following");
    const follows = () => db().selectFrom("follows").select("user_id").where("motion_id", "=", s.motionId).execute();
    expect(await follows()).toEqual([{ user_id: s.members[2].id }]);

    const stopped = await member.follow(await member.post(s.path, { intent: "unfollow" }));
    expect(plain(stopped.html)).toContain("You no longer follow this motion.");
    expect(plain(sectionOf(stopped.html, "follow"))).toContain("Follow this motion");
    expect(await follows()).toEqual([]);
  });

  it("the chair closes a record with a reason, and then nothing more can be added", async () => {
    const s = await answered();
    const chair = await signedIn(s.chair);
    expect((await chair.get(s.path)).html).toMatch(/<summary>Close this record<\/summary>[\s\S]*Close the record<\/button>/);
    const noReason = await chair.post(s.path, { intent: "close-record", reason: "" });
    expect(noReason.status).toBe(400);
    expect(plain(sectionOf(noReason.html, "response"))).toContain("A reason for closing is required.");

    const closed = await chair.post(s.path, { intent: "close-record", reason: "The commissioners merged this work into the new crisis plan." });
    expect(closed.status).toBe(302);
    expect(closed.location).toBe(`${s.path}#response`);
    const motion = await db().selectFrom("motions").selectAll().where("id", "=", s.motionId).executeTakeFirstOrThrow();
    expect(motion).toMatchObject({ response_status: "closed", closed_reason: "The commissioners merged this work into the new crisis plan." });

    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    expect(plain(sectionOf(page.html, "response"))).toContain(
      `This record is closed. Closed on ${formatDate(motion.closed_at!, TIME_ZONE)}: The commissioners merged this work into the new crisis plan.`,
    );
    expect(plain(sectionOf(page.html, "record"))).toContain(
      `${s.chair.displayName} closed this motion's record. Reason: The commissioners merged this work into the new crisis plan.`,
    );
    const commissioner = await commissionerView(s);
    expect(commissioner).not.toContain("Publish your response");
    expect(commissioner).not.toContain("post a holding reply");
    const member = await signedIn(s.members[0]);
    expect(plain(sectionOf((await member.get(s.path)).html, "verdict"))).toContain("This record is closed");
  });

  async function commissionerView(s: Scene) {
    const client = await signedIn(s.commissioner);
    return plain(sectionOf((await client.get(s.path)).html, "response"));
  }

  it("a visitor who is not signed in reads the whole accountability record, with no forms", async () => {
    const s = await answered();
    await services().verdicts.request(s.members[0], s.responseId);
    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    expect(page.status).toBe(200);
    expect(plain(sectionOf(page.html, "response"))).toContain("In short: No weekend crisis cafés this year.");
    expect(plain(sectionOf(page.html, "actions"))).toContain("The response promised no actions.");
    expect(plain(sectionOf(page.html, "verdict"))).toContain("1 of 2 members has asked for a verdict vote on response 1.");
    expect(page.html).toContain(`href="${s.path}/you-said-we-did"`);
    expect(page.html).not.toContain('method="post"');
    expect(page.html).not.toContain('id="follow"');
    expect(plain(page.html)).not.toContain("Ask for a verdict vote");

    const refused = await new BrowserLikeClient(holder.server.url).post(s.path, { intent: "request-verdict", responseId: s.responseId });
    expect(refused.status).toBe(302);
    expect(refused.location).toBe(`/login?redirectTo=${encodeURIComponent(s.path)}`);
  });
});
