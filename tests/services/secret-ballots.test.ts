import { expect, it } from "vitest";
import { InvalidState } from "../../server/domain/errors";
import { describeEachDatabase } from "../support/databases";
import { type TestParliament, openBallotOn, secondedMotion, useParliament } from "../support/parliament";

const choiceWords = new Set(["for", "against", "abstain"]);

/** Every string inside a stored value, looking into JSON text too (the audit payloads). */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") {
    const inner = value.startsWith("{") || value.startsWith("[") ? safeParse(value) : undefined;
    return inner === undefined ? [value] : [value, ...stringsIn(inner)];
  }
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [k, ...stringsIn(v)]);
  return [];
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function everyRowOfEveryTable(t: TestParliament) {
  const tables = (await t.db.introspection.getTables()).map((table) => table.name);
  const rows: { table: string; row: Record<string, unknown> }[] = [];
  for (const table of tables) {
    // Names read from the database itself, so the typed builder cannot know them.
    const all = await (t.db as any).selectFrom(table).selectAll().execute();
    for (const row of all) rows.push({ table, row });
  }
  return { tables, rows };
}

describeEachDatabase("a secret ballot", (dialect) => {
  const t = useParliament(dialect);

  it("a secret vote is cast once; a second attempt is refused by the primary key", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene, "secret");
    expect(await t.services.ballots.vote(scene.members[0], ballotId, { choice: "for" })).toEqual({ changed: false });
    await expect(t.services.ballots.vote(scene.members[0], ballotId, { choice: "against" })).rejects.toThrow(
      "You have already voted in this secret ballot. Secret votes cannot be changed.",
    );
    const ballot = await t.db.selectFrom("ballots").selectAll().where("id", "=", ballotId).executeTakeFirstOrThrow();
    expect(ballot).toMatchObject({ count_for: 1, count_against: 0, count_abstain: 0 });
    const casts = await t.db.selectFrom("audit_log").select("type").where("type", "=", "vote.cast").execute();
    expect(casts).toHaveLength(1);
  });

  it("leaves no link between a member and their choice anywhere in the database", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene, "secret");
    const voters = [scene.proposer, ...scene.members];
    const choices = ["for", "against", "abstain", "for", "against"] as const;
    for (const [i, voter] of voters.entries()) await t.services.ballots.vote(voter, ballotId, { choice: choices[i] });
    await t.services.ballots.close(scene.chair, ballotId);

    const secretVoters = await t.db.selectFrom("secret_voters").selectAll().execute();
    expect(secretVoters).toHaveLength(voters.length);
    for (const row of secretVoters) expect(Object.keys(row).sort()).toEqual(["ballot_id", "member_id"]);

    const recorded = await t.db.selectFrom("recorded_votes").selectAll().where("ballot_id", "=", ballotId).execute();
    expect(recorded).toEqual([]);

    const casts = await t.db.selectFrom("audit_log").selectAll().where("type", "=", "vote.cast").execute();
    expect(casts).toHaveLength(voters.length);
    for (const entry of casts) {
      expect(entry.actor_id).toBeNull();
      expect(JSON.parse(entry.payload)).toEqual({ ballot_id: ballotId, kind: "secret" });
    }

    // Whatever table it is in, no row that names a voter may also carry a choice.
    const { tables, rows } = await everyRowOfEveryTable(t);
    expect(tables).toEqual(expect.arrayContaining(["secret_voters", "recorded_votes", "audit_log", "ballots", "users"]));
    const voterIds = new Set(voters.map((v) => v.id));
    let rowsNamingVoters = 0;
    for (const { table, row } of rows) {
      const strings = stringsIn(row);
      if (!strings.some((s) => [...voterIds].some((id) => s.includes(id)))) continue;
      rowsNamingVoters += 1;
      const leaked = strings.filter((s) => choiceWords.has(s) || s === "choice");
      expect(leaked, `${table} ${JSON.stringify(row)}`).toEqual([]);
    }
    expect(rowsNamingVoters).toBeGreaterThanOrEqual(voters.length * 2); // users and secret_voters at least
  });

  it("the counts are the only place the choices live", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene, "secret");
    const voters = [scene.proposer, ...scene.members];
    for (const [i, voter] of voters.entries()) await t.services.ballots.vote(voter, ballotId, { choice: i < 3 ? "for" : "against" });
    expect(await t.services.ballots.close(scene.chair, ballotId)).toBe("carried");
    const ballot = await t.db.selectFrom("ballots").selectAll().where("id", "=", ballotId).executeTakeFirstOrThrow();
    expect(ballot).toMatchObject({ count_for: 3, count_against: 2, count_abstain: 0, outcome: "carried" });
  });

  it("twenty attempts at once by one member count exactly one vote", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene, "secret");
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => t.services.ballots.vote(scene.members[0], ballotId, { choice: "for" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(InvalidState);
    }
    const ballot = await t.db.selectFrom("ballots").selectAll().where("id", "=", ballotId).executeTakeFirstOrThrow();
    expect(ballot.count_for + ballot.count_against + ballot.count_abstain).toBe(1);
    expect(await t.db.selectFrom("secret_voters").selectAll().execute()).toHaveLength(1);
    expect(await t.db.selectFrom("audit_log").select("seq").where("type", "=", "vote.cast").execute()).toHaveLength(1);
  });

  it("a member may vote once in each ballot: a later ballot on the same motion is a new vote", async () => {
    t.rules.quorumPercent = 100;
    const scene = await secondedMotion(t);
    const first = await openBallotOn(t, scene, "secret");
    await t.services.ballots.vote(scene.members[0], first, { choice: "for" });
    expect(await t.services.ballots.close(scene.chair, first)).toBe("no_quorum");
    const second = await openBallotOn(t, scene, "secret");
    await t.services.ballots.vote(scene.members[0], second, { choice: "against" });
    const counts = await t.db.selectFrom("ballots").select(["id", "count_for", "count_against"]).orderBy("id").execute();
    expect(counts).toEqual([
      { id: first, count_for: 1, count_against: 0 },
      { id: second, count_for: 0, count_against: 1 },
    ]);
  });
});
