// "You said, we did": one carried motion's whole story on one public page, read over HTTP by a
// visitor who is not signed in: the motion, the vote, every response, each action's progress,
// holding replies, members' verdicts, and where it stands now.
import { expect, it } from "vitest";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { formatDate } from "../../app/lib/format";
import { BrowserLikeClient, plain, sectionOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { createBody, createChair, createCommissioner, createMember, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

const TIME_ZONE = "Europe/London";

describeEachDatabase("the you-said-we-did page", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const db = () => holder.server.database.db;
  const services = () => holder.server.services;
  const inDays = (days: number) => epochToZonedLocal(services().clock.now() + days * DAY_MS, TIME_ZONE);
  const visitor = () => new BrowserLikeClient(holder.server.url);

  /** A published motion; `carry` puts it to a vote that every member supports. */
  async function motion({ carry }: { carry: boolean }) {
    const body = await createBody(db(), { name: `Riverside Care Board ${Math.random().toString(36).slice(2, 6)}` });
    const proposer = await createMember(db());
    const members = [await createMember(db()), await createMember(db()), await createMember(db())];
    const chair = await createChair(db());
    const commissioner = await createCommissioner(db(), body.id);
    const { id, number } = await services().motions.raise(
      proposer,
      motionInput(body.id, { title: "Crisis cafés open at weekends", summary: "Open crisis cafés on Saturdays and Sundays." }),
      { publish: true },
    );
    if (carry) {
      await services().motions.second(members[0], id);
      await services().motions.second(members[1], id);
      const { ballotId } = await services().ballots.open(chair, id, { kind: "recorded", rule: "simple", closesAt: inDays(7) });
      for (const m of [proposer, members[0], members[1]]) await services().ballots.vote(m, ballotId, { choice: "for" });
      await services().ballots.vote(members[2], ballotId, { choice: "against" });
      await services().ballots.close(chair, ballotId);
    }
    return { body, proposer, members, chair, commissioner, motionId: id, number: number!, path: `/motions/${number}/you-said-we-did` };
  }

  it("tells the whole story of an answered motion, in order, to a visitor who is not signed in", async () => {
    const s = await motion({ carry: true });
    await services().responses.holdingReply(s.commissioner, s.motionId, {
      reason: "The board decides the crisis budget at its meeting next month.",
      expectedDate: inDays(20).slice(0, 10),
    });
    const { responseId } = await services().responses.publish(s.commissioner, s.motionId, {
      position: "decline",
      reasons: "There is no money for weekend crisis cafés in the coming year.",
      summary: "No weekend crisis cafés this year.",
      actions: [],
    });
    const { ballotId } = await services().verdicts.open(s.chair, responseId, { closesAt: inDays(5) });
    await services().ballots.vote(s.members[0], ballotId, { choice: "against" });
    await services().ballots.vote(s.members[1], ballotId, { choice: "against" });
    await services().ballots.close(s.chair, ballotId);
    const verdictClosedAt = (await db().selectFrom("ballots").select("closed_at").where("id", "=", ballotId).executeTakeFirstOrThrow()).closed_at!;
    await services().responses.publish(s.commissioner, s.motionId, {
      position: "accept_in_part",
      reasons: "There is no money for weekend crisis cafés every week, but we will open one café on Saturdays.",
      summary: "One crisis café will open on Saturdays.",
      actions: [{ description: "Open the Riverside crisis café on Saturdays", owner: "Crisis services manager", dueDate: inDays(90).slice(0, 10) }],
    });
    const [action] = await db().selectFrom("response_actions").selectAll().where("motion_id", "=", s.motionId).execute();
    await services().actions.update(s.commissioner, {
      actionId: action.id,
      status: "in_progress",
      progress: 30,
      note: "Staff are recruited; the café opens once training ends.",
    });

    const page = await visitor().get(s.path);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`<title>You said, we did: ${s.number} · `);
    expect(plain(page.html)).toContain(`You said, we did: ${s.number} Crisis cafés open at weekends`);
    expect(page.html).not.toContain('method="post"');
    expect(page.html).toContain(`href="/motions/${s.number}"`);

    // The chapters come in the order things happened.
    const order = ["motion", "vote", "answer", "promises", "verdicts", "now"].map((id) => page.html.indexOf(`id="${id}"`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);

    const said = plain(sectionOf(page.html, "motion"));
    expect(said).toContain("In short: Open crisis cafés on Saturdays and Sundays.");
    expect(said).toContain("This parliament calls on the commissioners");

    const vote = plain(sectionOf(page.html, "vote"));
    expect(vote).toMatch(/Carried on \d{1,2} \w+ \d{4}\. 4 of \d+ members voted; 1 was needed for quorum\. For 3, against 1, abstentions 0: a simple majority for the motion\./);
    expect(vote).toContain("Majority needed Simple majority");
    expect(vote).toContain("Quorum 1 vote needed");

    const answer = sectionOf(page.html, "answer");
    expect(plain(answer)).toContain("Why it is late: The board decides the crisis budget at its meeting next month.");
    expect(plain(answer).indexOf("Accept in part (response 2, the latest)")).toBeLessThan(plain(answer).indexOf("Earlier: Decline (response 1, replaced)"));
    expect(plain(answer)).toContain("In short: One crisis café will open on Saturdays.");
    expect(plain(answer)).toContain("In short: No weekend crisis cafés this year.");
    expect(answer).toContain("<summary>What changed since version 1</summary>");

    const promises = sectionOf(page.html, "promises");
    expect(plain(promises)).toContain("Action 1: Open the Riverside crisis café on Saturdays");
    expect(promises).toContain('<progress value="30" max="100" aria-hidden="true">');
    expect(plain(promises)).toContain("30% done");
    expect(plain(promises)).toContain("Progress updates (1)");
    expect(plain(promises)).toContain("Staff are recruited; the café opens once training ends.");
    expect(plain(promises)).toContain("Promised in Response 2");

    const verdicts = plain(sectionOf(page.html, "verdicts"));
    expect(verdicts).toContain(
      `On response 1: Judged inadequate: a revised response is due by ${formatDate(verdictClosedAt + 56 * DAY_MS, TIME_ZONE)}.`,
    );
    expect(verdicts).toContain("Adequate 0, not adequate 2, abstain 0.");

    expect(plain(sectionOf(page.html, "now"))).toContain("Answered. The record stays open while promised actions are under way");

    // It prints as a clean document: the page's stylesheet has a print layout.
    const sheet = /<link rel="stylesheet" href="(\/build\/_assets\/accountability-[^"]+\.css)"/.exec(page.html);
    expect(sheet).not.toBeNull();
    expect((await visitor().get(sheet![1])).html).toContain("@media print");
  });

  it("a closed record says when and why it closed; a motion still waiting shows its clock", async () => {
    const closed = await motion({ carry: true });
    await services().responses.close(closed.chair, closed.motionId, { reason: "The work moved into the new crisis plan." });
    const closedAt = (await db().selectFrom("motions").select("closed_at").where("id", "=", closed.motionId).executeTakeFirstOrThrow()).closed_at!;
    const page = await visitor().get(closed.path);
    expect(plain(sectionOf(page.html, "now"))).toContain(
      `The record is closed. Closed on ${formatDate(closedAt, TIME_ZONE)}: The work moved into the new crisis plan.`,
    );
    expect(plain(sectionOf(page.html, "answer"))).toContain("No response has been published yet.");
    expect(plain(sectionOf(page.html, "verdicts"))).toContain("Members have not put a response to a verdict vote.");

    const waiting = await motion({ carry: true });
    const now = plain(sectionOf((await visitor().get(waiting.path)).html, "now"));
    expect(now).toMatch(new RegExp(`Waiting for the response\\. ${waiting.body.name} must respond by \\d{1,2} \\w+ \\d{4}\\. 56 days left\\.`));
  });

  it("is a plain 404 for a motion that does not exist, and says why for one that was not carried", async () => {
    const missing = await visitor().get("/motions/M-2026-999/you-said-we-did");
    expect(missing.status).toBe(404);
    expect(plain(missing.html)).toContain("There is no motion M-2026-999.");
    expect((await visitor().get("/motions/not-a-number/you-said-we-did")).status).toBe(404);

    const open = await motion({ carry: false });
    const notCarried = await visitor().get(open.path);
    expect(notCarried.status).toBe(404);
    expect(plain(notCarried.html)).toContain("This motion was not carried, so there is nothing to answer yet.");
    expect(notCarried.html).toContain(`href="/motions/${open.number}"`);
  });
});
