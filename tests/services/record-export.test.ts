// The open-data read model on a real database: keyset batches that skip drafts and stop when
// the reader stops, and the figures derived for the exports (response clock, actions) as time
// passes on the parliament's clock.
import { expect, it, vi } from "vitest";
import { DAY_MS } from "../../server/domain/time";
import { csvRow } from "../../server/record/csv";
import { readMotion, readMotionBatches } from "../../server/record/export-rows";
import { motionFacts } from "../../server/record/motion-facts";
import { describeEachDatabase } from "../support/databases";
import { createCommissioner, motionInput, responseInput } from "../support/factories";
import { carriedMotion, openBallotOn, publishedMotion, secondedMotion, useParliament } from "../support/parliament";

describeEachDatabase("reading the record for export", (dialect) => {
  const t = useParliament(dialect);

  it("reads public motions a batch at a time, in order, without drafts, and reads nothing more once the reader stops", async () => {
    const scene = await publishedMotion(t);
    for (let i = 0; i < 4; i++) await t.services.motions.raise(scene.proposer, motionInput(scene.bodyId, { title: `Another motion ${i}` }), { publish: true });
    await t.services.motions.raise(scene.proposer, motionInput(scene.bodyId, { title: "Still a draft" }));

    const sizes: number[] = [];
    const numbers: string[] = [];
    for await (const batch of readMotionBatches(t.db, { batchSize: 2 })) {
      sizes.push(batch.length);
      numbers.push(...batch.map((m) => m.number));
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(numbers).toEqual([...numbers].sort());
    expect(numbers).not.toContain(null);

    const executed = vi.spyOn(t.db.getExecutor(), "executeQuery");
    for await (const batch of readMotionBatches(t.db, { batchSize: 2 })) {
      expect(batch).toHaveLength(2);
      break;
    }
    const afterFirst = executed.mock.calls.length;
    // One page query and one query per kind of related row, for any batch size: eight here,
    // as recorded votes are read only for a batch that has closed recorded ballots.
    expect(afterFirst).toBe(8);
    executed.mockRestore();
  });

  it("a recorded ballot lists each vote by pseudonym; a secret one has counts and no votes", async () => {
    const recorded = await carriedMotion(t);
    const motion = (await readMotion(t.db, recorded.number))!;
    expect(motion.ballots[0]).toMatchObject({ kind: "recorded", outcome: "carried", counts: { for: 5, against: 0, abstain: 0 }, turnout: 5 });
    expect(motion.ballots[0].votes!.map((v) => v.voter.name).sort()).toEqual(
      [recorded.proposer, ...recorded.members].map((m) => m.displayName).sort(),
    );

    const secretScene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, secretScene, "secret");
    for (const m of secretScene.members) await t.services.ballots.vote(m, ballotId, { choice: "against" });
    const open = (await readMotion(t.db, secretScene.number))!;
    expect(open.ballots[0]).toMatchObject({ kind: "secret", status: "open", counts: null, turnout: 4, votes: null });
    await t.services.ballots.close(secretScene.chair, ballotId);
    const closed = (await readMotion(t.db, secretScene.number))!;
    expect(closed.ballots[0]).toMatchObject({ kind: "secret", status: "closed", counts: { for: 0, against: 4, abstain: 0 }, outcome: "defeated", votes: null });
  });

  it("the response clock and the actions are judged against the parliament's clock, now", async () => {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    const waiting = (await readMotion(t.db, scene.number))!;
    expect(motionFacts(waiting, t.clock.now())).toMatchObject({ onTime: null, responseOverdue: false, firstResponse: null });
    // Overdue the moment the due date passes, until an answer comes.
    expect(motionFacts(waiting, waiting.responseDueAt! + 1).responseOverdue).toBe(true);

    t.clock.set(waiting.responseDueAt! + 2 * DAY_MS);
    const dueDate = new Date(t.clock.now() + 10 * DAY_MS).toISOString().slice(0, 10);
    await t.services.responses.publish(
      commissioner,
      scene.motionId,
      responseInput("accept", { actions: [{ description: "Change the assessment form", owner: "Assessment team", dueDate }] }),
    );
    const answered = (await readMotion(t.db, scene.number))!;
    const facts = motionFacts(answered, t.clock.now());
    expect(facts).toMatchObject({ onTime: false, responseOverdue: false, latestResponse: { version: 1, position: "accept" } });
    expect(facts.actions).toEqual({ total: 1, done: 0, dropped: 0, overdue: 0 });
    expect(motionFacts(answered, t.clock.now() + 12 * DAY_MS).actions.overdue).toBe(1);

    const [row] = csvRow(answered, t.clock.now() + 12 * DAY_MS, "https://parliament.example").split("\r\n");
    expect(row).toContain(",responded,");
    expect(row).toContain(",false,false,accept,1,1,0,1,https://parliament.example/motions/");
  });
});
