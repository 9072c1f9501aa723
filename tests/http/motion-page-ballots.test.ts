// Voting and answering on the motion page, over HTTP as a browser without JavaScript: the chair
// opens and closes ballots, members vote, commissioners respond, and the page keeps the
// record, including the response clock once an answer is late.
import { expect, it } from "vitest";
import { DAY_MS, epochToZonedLocal, zonedLocalToEpoch } from "../../server/domain/time";
import { BrowserLikeClient, plain, sectionOf } from "../support/browser-like-client";
import { manualClock } from "../support/clock";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createBody, createChair, createCommissioner, createMember, motionInput } from "../support/factories";
import { type TestServer, useTestServer } from "../support/server";

const TIME_ZONE = "Europe/London";

/** Story helpers shared by both describe blocks: a seconded motion, then a carried one. */
function scenes(holder: { server: TestServer }) {
  const db = () => holder.server.database.db;
  const services = () => holder.server.services;
  const closingIn = (days: number) => epochToZonedLocal(services().clock.now() + days * DAY_MS, TIME_ZONE);

  const signedIn = (person: TestPerson) => BrowserLikeClient.signedIn(holder.server.url, person);

  async function seconded() {
    const body = await createBody(db(), { name: `Riverside ICB ${Math.random().toString(36).slice(2, 6)}` });
    const proposer = await createMember(db());
    const members = [await createMember(db()), await createMember(db()), await createMember(db())];
    const chair = await createChair(db());
    const { id, number } = await services().motions.raise(proposer, motionInput(body.id), { publish: true });
    await services().motions.second(members[0], id);
    await services().motions.second(members[1], id);
    return { body, proposer, members, chair, motionId: id, number: number!, path: `/motions/${number}` };
  }

  async function carried() {
    const s = await seconded();
    const { ballotId } = await services().ballots.open(s.chair, s.motionId, { kind: "recorded", rule: "simple", closesAt: closingIn(7) });
    for (const m of s.members) await services().ballots.vote(m, ballotId, { choice: "for" });
    await services().ballots.close(s.chair, ballotId);
    return { ...s, ballotId };
  }

  return { db, services, closingIn, signedIn, seconded, carried };
}

describeEachDatabase("voting and responding on the motion page", (dialect) => {
  // A tiny quorum: every test adds members to the same database, and results must not depend on how many.
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const { db, services, closingIn, signedIn, seconded, carried } = scenes(holder);
  const votesOn = (ballotId: number) => db().selectFrom("recorded_votes").select(["member_id", "choice"]).where("ballot_id", "=", ballotId).execute();

  it("the chair opens a recorded ballot with the form; members vote, and change their vote, with the form", async () => {
    const s = await seconded();
    const chair = await signedIn(s.chair);
    const form = await chair.get(s.path);
    const closesAt = /name="closesAt"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="closesAt"/.exec(form.html);
    expect(closesAt).not.toBeNull();
    const suggested = zonedLocalToEpoch(closesAt![1] ?? closesAt![2], TIME_ZONE)!;
    expect(Math.abs(suggested - (Date.now() + 7 * DAY_MS))).toBeLessThan(2 * 60_000);

    const opened = await chair.post(s.path, { intent: "open-ballot", kind: "recorded", rule: "simple", closesAt: closingIn(3) });
    expect(opened.status).toBe(302);
    expect(opened.location).toBe(`${s.path}#voting`);
    const [ballot] = await db().selectFrom("ballots").selectAll().where("motion_id", "=", s.motionId).execute();
    expect(ballot).toMatchObject({ status: "open", kind: "recorded", rule: "simple" });
    expect(plain((await chair.follow(opened)).html)).toContain("Voting is open. Members can now vote on this motion.");

    const member = await signedIn(s.members[2]);
    const voted = await member.post(s.path, { intent: "vote", ballotId: ballot.id, choice: "for" });
    expect(voted.status).toBe(302);
    const afterVote = plain((await member.follow(voted)).html);
    expect(afterVote).toContain("Your vote was recorded: For.");
    expect(afterVote).toContain("Your vote: For. You can change it until voting closes.");

    const changed = await member.follow(await member.post(s.path, { intent: "vote", ballotId: ballot.id, choice: "against" }));
    expect(plain(changed.html)).toContain("Your vote was changed: Against.");
    expect(plain(sectionOf(changed.html, "voting"))).toContain("Your vote: Against.");
    expect(await votesOn(ballot.id)).toEqual([{ member_id: s.members[2].id, choice: "against" }]);

    const nonsense = await member.post(s.path, { intent: "vote", ballotId: ballot.id, choice: "maybe" });
    expect(nonsense.status).toBe(400);
    expect(plain(sectionOf(nonsense.html, "voting"))).toContain("Choose for, against or abstain.");
    expect(await votesOn(ballot.id)).toEqual([{ member_id: s.members[2].id, choice: "against" }]);
  });

  it("a closing time in the past is refused beside its field, and no ballot opens", async () => {
    const s = await seconded();
    const chair = await signedIn(s.chair);
    const refused = await chair.post(s.path, { intent: "open-ballot", kind: "secret", rule: "simple", closesAt: closingIn(-1) });
    expect(refused.status).toBe(400);
    expect(plain(sectionOf(refused.html, "voting"))).toContain("Voting must stay open for at least 10 minutes; choose a later closing time.");
    expect(await db().selectFrom("ballots").selectAll().where("motion_id", "=", s.motionId).execute()).toEqual([]);
  });

  it("closing early shows the result and who voted how, and a vote after the close is a 409", async () => {
    const s = await seconded();
    const { ballotId } = await services().ballots.open(s.chair, s.motionId, { kind: "recorded", rule: "simple", closesAt: closingIn(7) });
    await services().ballots.vote(s.members[0], ballotId, { choice: "for" });
    await services().ballots.vote(s.members[1], ballotId, { choice: "for" });
    await services().ballots.vote(s.proposer, ballotId, { choice: "against" });

    const chair = await signedIn(s.chair);
    expect((await chair.get(s.path)).html).toMatch(/<summary>Close voting early<\/summary>[\s\S]*Close voting now<\/button>/);
    const closed = await chair.post(s.path, { intent: "close-ballot", ballotId });
    expect(closed.status).toBe(302);

    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    const voting = sectionOf(page.html, "voting");
    expect(plain(voting)).toContain("Result: Carried.");
    expect(plain(voting)).toMatch(/3 of \d+ members voted; 1 was needed for quorum\. For 2, against 1, abstentions 0: a simple majority for the motion\./);
    const roll = sectionOf(voting, `ballot-${ballotId}-panel`);
    expect(roll).toContain(`<td>${s.members[0].displayName}</td><td>For</td>`);
    expect(roll).toContain(`<td>${s.members[1].displayName}</td><td>For</td>`);
    expect(roll).toContain(`<td>${s.proposer.displayName}</td><td>Against</td>`);
    expect(plain(sectionOf(page.html, "record"))).toContain("The chair closed the vote early. Result: Carried. For 2, against 1, abstain 0");

    const late = await signedIn(s.members[2]);
    const refused = await late.post(s.path, { intent: "vote", ballotId, choice: "against" });
    expect(refused.status).toBe(409);
    expect(plain(sectionOf(refused.html, "voting"))).toContain("This ballot has closed, so votes can no longer be cast.");
    expect(await votesOn(ballotId)).toHaveLength(3);
  });

  it("a secret ballot shows only turnout while open, and never a voter's name beside a choice", async () => {
    const s = await seconded();
    const voters = [await createMember(db()), await createMember(db()), await createMember(db())];
    const { ballotId } = await services().ballots.open(s.chair, s.motionId, { kind: "secret", rule: "simple", closesAt: closingIn(7) });

    const choices = ["for", "against", "for"] as const;
    for (const [i, voter] of voters.entries()) {
      const client = await signedIn(voter);
      const voted = await client.post(s.path, { intent: "vote", ballotId, choice: choices[i] });
      expect(voted.status).toBe(302);
      const own = await client.follow(voted);
      expect(plain(own.html)).toContain("Thank you, your vote was counted. It is secret: nobody can see how you voted.");
      const ownBallot = sectionOf(own.html, "voting");
      expect(plain(ownBallot)).toContain("You have voted. Your choice is secret and cannot be changed.");
      expect(ownBallot).not.toContain('name="choice"');
      expect(plain(ownBallot)).not.toMatch(/Your vote: (For|Against|Abstain)/);
    }
    const again = await signedIn(voters[0]);
    const twice = await again.post(s.path, { intent: "vote", ballotId, choice: "against" });
    expect(twice.status).toBe(409);
    expect(plain(twice.html)).toContain("You have already voted in this secret ballot. Secret votes cannot be changed.");

    const whileOpen = await new BrowserLikeClient(holder.server.url).get(s.path);
    const openBallot = sectionOf(whileOpen.html, "voting");
    expect(plain(openBallot)).toContain("only the number of votes cast shows until voting closes: 3 votes so far.");
    expect(openBallot).not.toContain('class="counts"');
    expect(plain(sectionOf(whileOpen.html, "record"))).toContain("A secret vote was cast.");
    for (const voter of voters) expect(whileOpen.html).not.toContain(voter.displayName);

    await services().ballots.close(s.chair, ballotId);
    const afterClose = await new BrowserLikeClient(holder.server.url).get(s.path);
    const closedBallot = sectionOf(afterClose.html, "voting");
    expect(closedBallot).toContain('class="counts"');
    expect(plain(closedBallot)).toContain("For 2, against 1");
    expect(plain(closedBallot)).not.toContain("How each member voted");
    for (const voter of voters) expect(afterClose.html).not.toContain(voter.displayName);
  });

  it("a commissioner of another body cannot respond and nothing changes; the right commissioner's response appears", async () => {
    const s = await carried();
    const elsewhere = await createBody(db(), { name: "Another Council" });
    const outsider = await signedIn(await createCommissioner(db(), elsewhere.id));
    const response = {
      intent: "respond",
      position: "accept_in_part",
      reasons: "We will fund peer workers on the night line from April, but not yet at weekends.",
      summary: "Yes on weeknights from April; weekends later.",
      "actions[0].description": "Recruit peer workers for the night line",
      "actions[0].owner": "Crisis line manager",
      "actions[0].dueDate": "2035-04-30",
    };
    const refused = await outsider.post(s.path, response);
    expect(refused.status).toBe(403);
    expect(plain(sectionOf(refused.html, "response"))).toContain(
      "Only commissioners of the body this motion is addressed to can respond to it.",
    );
    expect(await db().selectFrom("responses").selectAll().where("motion_id", "=", s.motionId).execute()).toEqual([]);

    const commissioner = await createCommissioner(db(), s.body.id);
    const insider = await signedIn(commissioner);
    const before = await insider.get(s.path);
    expect(plain(sectionOf(before.html, "response"))).toContain("Publish your response");

    const tooShort = await insider.post(s.path, { ...response, reasons: "Yes." });
    expect(tooShort.status).toBe(400);
    expect(plain(sectionOf(tooShort.html, "response"))).toContain("Reasons needs at least 20 characters.");

    const published = await insider.post(s.path, response);
    expect(published.status).toBe(302);
    expect(published.location).toBe(`${s.path}#response`);
    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    const answer = plain(sectionOf(page.html, "response"));
    expect(answer).toContain("Accept in part");
    expect(answer).toContain("In short: Yes on weeknights from April; weekends later.");
    expect(answer).toContain("We will fund peer workers on the night line from April, but not yet at weekends.");
    expect(answer).toContain(`Published by ${commissioner.displayName} for ${s.body.name} on`);
    expect(answer).toContain("Published on time.");
    expect(page.html).toContain('<span class="tag good">Responded</span>');
    expect(plain(sectionOf(page.html, "record"))).toContain(
      `${commissioner.displayName} published the response from ${s.body.name}: Accept in part. It promises 1 action.`,
    );
  });
});

describeEachDatabase("the response clock on the motion page", (dialect) => {
  const clock = manualClock();
  const holder = useTestServer(dialect, { clock, rules: { quorumPercent: 1 } });
  const { carried } = scenes(holder);

  it("counts the days left, then shows Overdue once the due date has passed", async () => {
    const s = await carried();
    const visitor = new BrowserLikeClient(holder.server.url);
    const onTime = plain(sectionOf((await visitor.get(s.path)).html, "response"));
    expect(onTime).toContain(`${s.body.name} must respond by`);
    expect(onTime).toContain("56 days left.");

    clock.advance(59 * DAY_MS);
    const late = await visitor.get(s.path);
    expect(plain(sectionOf(late.html, "response"))).toContain("Overdue by 3 days.");
    expect(late.html).toContain('<span class="tag bad">Response overdue</span>');
  });
});
