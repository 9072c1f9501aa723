// The read pool: long reads (searches) on SQLite run in threads beside the event loop, each
// with its own read-only connection to the same file.
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DatabaseHandle, connect } from "../../db/connect";
import { readPool } from "../../db/read-pool";
import { loadConfig } from "../../server/config";
import { createTestDatabase, openTestDatabase } from "../support/databases";
import { createBody } from "../support/factories";

/** A read that takes a while: a million numbers counted one at a time. */
const longRead = sql<{ n: number }>`with recursive c(n) as (select 1 union all select n + 1 from c where n < 1000000) select count(*) as n from c`;

/** Which comes first: the read's answer, or a timer set just after the read was asked for. */
async function firstOf(read: Promise<unknown>) {
  return Promise.race([read.then(() => "the read"), new Promise((resolve) => setTimeout(() => resolve("the timer"), 1))]);
}

describe("the read pool [sqlite]", () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await openTestDatabase("sqlite");
  });
  afterEach(async () => {
    await handle.close();
  });

  it("is a pool of its own on a SQLite file", () => {
    expect(handle.reads).not.toBe(handle.db);
  });

  it("reads what the main connection has just committed", async () => {
    await createBody(handle.db, { name: "Black Country ICB" });
    const rows = await handle.reads.selectFrom("bodies").select("name").execute();
    expect(rows.map((r) => r.name)).toEqual(["Black Country ICB"]);
  });

  it("leaves the event loop free while a long read runs; the main connection holds it", async () => {
    expect(await firstOf(longRead.execute(handle.reads))).toBe("the timer");
    // The same read on the main connection answers before any timer can run.
    expect(await firstOf(longRead.execute(handle.db))).toBe("the read");
    expect((await longRead.execute(handle.reads)).rows[0].n).toBe(1000000);
  });

  it("runs reads side by side", async () => {
    const answers = await Promise.all([longRead.execute(handle.reads), longRead.execute(handle.reads)]);
    expect(answers.map((a) => a.rows[0].n)).toEqual([1000000, 1000000]);
  });

  it("refuses to write, says why, and changes nothing", async () => {
    const body = { slug: "sandwell", name: "Sandwell", description: "", response_period_days: 56, contact: "", created_at: 0 };
    await expect(handle.reads.insertInto("bodies").values(body).execute()).rejects.toThrow("The read pool only runs queries that return rows.");
    await expect(handle.reads.insertInto("bodies").values(body).returning("id").execute()).rejects.toThrow(/readonly/);
    await expect(handle.reads.transaction().execute(async () => {})).rejects.toThrow(/only reads/);
    expect(await handle.db.selectFrom("bodies").select("id").execute()).toEqual([]);
  });

  it("says why when its threads cannot open the file, and does not start them again and again", async () => {
    const missing = readPool(path.join(os.tmpdir(), "no-such-dir", "parliament.db"), 2);
    const failures = await Promise.all([1, 2, 3].map(() => sql`select 1`.execute(missing).then(() => "answered", (e: Error) => e.message)));
    // The queries asked before the threads failed, and after.
    expect(failures.every((m) => /A database reader stopped|could not start/.test(m))).toBe(true);
    await expect(sql`select 1`.execute(missing)).rejects.toThrow(/The database readers could not start: Cannot open database because the directory does not exist/);
    await missing.destroy();
  });

  it("answers a bad query with its error and goes on answering", async () => {
    await expect(sql`select * from no_such_table`.execute(handle.reads)).rejects.toThrow(/no such table: no_such_table/);
    const rows = await handle.reads.selectFrom("bodies").select("id").execute();
    expect(rows).toEqual([]);
  });
});

const env = (vars: Record<string, string>): NodeJS.ProcessEnv => ({ NODE_ENV: "production", ...vars });

describe("the read pool switched off, or with nothing to gain", () => {
  it("is the main connection, which alone can see a database in memory", async () => {
    const memory = connect(":memory:");
    expect(memory.reads).toBe(memory.db);
    await memory.close();
  });

  it("is the main connection with READ_THREADS=0", async () => {
    const test = await createTestDatabase("sqlite");
    const handle = connect(test.url, { readThreads: loadConfig(env({ READ_THREADS: "0" })).readThreads });
    expect(handle.reads).toBe(handle.db);
    await handle.close();
    await test.drop();
  });

  it("reads READ_THREADS as a whole number, one per core (up to 4) when not set", () => {
    expect(loadConfig(env({ READ_THREADS: "3" })).readThreads).toBe(3);
    expect(loadConfig(env({})).readThreads).toBe(Math.min(os.availableParallelism(), 4));
    expect(() => loadConfig(env({ READ_THREADS: "two" }))).toThrow('READ_THREADS must be a whole number, not "two".');
  });
});
