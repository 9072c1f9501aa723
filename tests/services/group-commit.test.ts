import { expect, it } from "vitest";
import { InvalidState } from "../../server/domain/errors";
import { describeEachDatabase } from "../support/databases";
import { openBallotOn, secondedMotion, useParliament } from "../support/parliament";

describeEachDatabase("votes that arrive together commit together", (dialect) => {
  const t = useParliament(dialect);

  it("a refused vote in a burst leaves everyone else's vote, audit entry and tally event standing", async () => {
    const scene = await secondedMotion(t, 6);
    const ballotId = await openBallotOn(t, scene, "secret");
    const voters = [scene.proposer, ...scene.members];
    const auditBefore = await t.db.selectFrom("audit_log").select("seq").execute();
    const mark = t.events.length;
    // All in one turn of the event loop, so they share a batch; the first member also votes twice.
    const results = await Promise.allSettled([
      ...voters.map((m) => t.services.ballots.vote(m, ballotId, { choice: "for" })),
      t.services.ballots.vote(voters[0], ballotId, { choice: "against" }),
    ]);
    expect(results.slice(0, voters.length).every((r) => r.status === "fulfilled")).toBe(true);
    const refused = results.at(-1)!;
    expect(refused.status).toBe("rejected");
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(InvalidState);

    const ballot = await t.db.selectFrom("ballots").selectAll().where("id", "=", ballotId).executeTakeFirstOrThrow();
    expect([ballot.count_for, ballot.count_against]).toEqual([voters.length, 0]);
    const auditAfter = await t.db.selectFrom("audit_log").select("seq").execute();
    expect(auditAfter.length - auditBefore.length).toBe(voters.length);
    expect(await t.services.audit.verify()).toMatchObject({ ok: true });
    expect(t.events.slice(mark).filter((e) => e.type === "ballot:tally")).toHaveLength(voters.length);
  });
});
