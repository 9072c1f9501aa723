import SQLite from "better-sqlite3";
import pg from "pg";
import { afterEach, expect, it } from "vitest";
import { sqlitePath } from "../../db/connect";
import { createEventBus } from "../../server/events";
import { createServices } from "../../server/services";
import { describeEachDatabase } from "../support/databases";
import { createCommissioner, responseInput } from "../support/factories";
import { type TestParliament, openBallotOn, publishedMotion, secondedMotion, useParliament } from "../support/parliament";

const since = (t: TestParliament, mark: number) => t.events.slice(mark).map((e) => e.type);

describeEachDatabase("domain events", (dialect) => {
  const t = useParliament(dialect);

  it("each action announces what changed, in order", async () => {
    let mark = t.events.length;
    const scene = await publishedMotion(t);
    expect(t.events.slice(mark)).toEqual([{ type: "motion:published", motionId: scene.motionId, number: scene.number }]);
    mark = t.events.length;
    await t.services.motions.second(scene.members[0], scene.motionId);
    await t.services.motions.second(scene.members[1], scene.motionId);
    expect(t.events.slice(mark)).toEqual([
      { type: "motion:changed", motionId: scene.motionId, number: scene.number },
      { type: "motion:state", motionId: scene.motionId, number: scene.number, status: "seconded" },
      { type: "notifications:created", ids: [expect.any(Number)] }, // the proposer hears
    ]);
    mark = t.events.length;
    const ballotId = await openBallotOn(t, scene);
    expect(since(t, mark)).toEqual(["motion:state", "ballot:opened"]);
    mark = t.events.length;
    for (const m of [scene.proposer, ...scene.members]) await t.services.ballots.vote(m, ballotId, { choice: "for" });
    expect(since(t, mark)).toEqual(Array(5).fill("ballot:tally"));
    mark = t.events.length;
    await t.services.ballots.close(scene.chair, ballotId);
    expect(t.events.slice(mark)).toEqual([
      { type: "motion:state", motionId: scene.motionId, number: scene.number, status: "carried" },
      { type: "notifications:created", ids: [expect.any(Number)] },
      { type: "ballot:closed", motionId: scene.motionId, ballotId, outcome: "carried" },
    ]);
    mark = t.events.length;
    const { responseId } = await t.services.responses.publish(
      await createCommissioner(t.db, scene.bodyId),
      scene.motionId,
      responseInput("accept"),
    );
    expect(t.events.slice(mark)).toEqual([
      { type: "notifications:created", ids: [expect.any(Number)] },
      { type: "response:published", motionId: scene.motionId, responseId },
    ]);
  });

  it("a draft announces nothing: it is not public", async () => {
    const mark = t.events.length;
    const scene = await publishedMotion(t);
    const draft = await t.services.motions.raise(scene.proposer, draftInput(scene.bodyId));
    await t.services.motions.edit(scene.proposer, draft.id, { ...draftInput(scene.bodyId), title: "A draft, reworded" });
    await t.services.motions.discardDraft(scene.proposer, draft.id);
    expect(since(t, mark)).toEqual(["motion:published"]);
  });

  it("a refused action announces nothing", async () => {
    const scene = await secondedMotion(t);
    const mark = t.events.length;
    await expect(t.services.motions.second(scene.proposer, scene.motionId)).rejects.toThrow();
    await expect(t.services.threads.post(scene.members[0], scene.motionId, { stance: "for", body: "" })).rejects.toThrow();
    await expect(t.services.ballots.open(scene.members[0], scene.motionId, {})).rejects.toThrow();
    const ballotId = await openBallotOn(t, scene);
    const afterOpen = t.events.length;
    await t.db.updateTable("motions").set({ status: "withdrawn" }).where("id", "=", scene.motionId).execute();
    await expect(t.services.ballots.close(scene.chair, ballotId)).rejects.toThrow();
    expect(t.events.length).toBe(afterOpen);
    expect(since(t, mark)).toEqual(["motion:state", "ballot:opened"]);
  });
});

function draftInput(bodyId: number) {
  return {
    title: "A draft nobody has seen",
    text: "This parliament calls on the commissioners to publish waiting times every month.",
    rationale: "People wait without knowing for how long, which makes anxiety worse.",
    bodyId,
  };
}

describeEachDatabase("events come after commit", (dialect) => {
  const t = useParliament(dialect);
  let closeReader: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await closeReader?.();
    closeReader = null;
  });

  /** Reads a motion's status over a second connection, which sees only committed data. */
  async function committedStatus(): Promise<(motionId: number) => Promise<string | undefined>> {
    const { url } = t.database;
    if (dialect === "sqlite") {
      const reader = new SQLite(sqlitePath(url), { readonly: true });
      closeReader = async () => {
        reader.close();
      };
      // better-sqlite3 reads synchronously, so the answer is what was committed at the instant of the event.
      return async (motionId) => (reader.prepare("select status from motions where id = ?").get(motionId) as { status: string } | undefined)?.status;
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    closeReader = () => client.end();
    return async (motionId) => (await client.query("select status from motions where id = $1", [motionId])).rows[0]?.status;
  }

  it("a listener that reads the database at once sees the change the event announces", async () => {
    const scene = await publishedMotion(t);
    const read = await committedStatus();
    const bus = createEventBus();
    const services = createServices({ db: t.db, clock: t.clock, events: bus, rules: t.rules });
    const seen: Promise<[string, string | undefined]>[] = [];
    bus.on((event) => {
      if (event.type === "motion:state") seen.push(read(event.motionId).then((status) => [event.status, status]));
    });
    await services.motions.second(scene.members[0], scene.motionId);
    await services.motions.second(scene.members[1], scene.motionId);
    // Read before the next action, so a later change cannot answer for this one.
    expect(await Promise.all(seen)).toEqual([["seconded", "seconded"]]);
    await services.motions.withdraw(scene.proposer, scene.motionId, { reason: "Raised again with better wording." });
    expect(await Promise.all(seen)).toEqual([
      ["seconded", "seconded"],
      ["withdrawn", "withdrawn"],
    ]);
  });
});
