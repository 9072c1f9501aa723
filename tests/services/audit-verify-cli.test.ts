// `npm run audit:verify`, and the two short programs in docs/audit.md, against real logs: an
// untouched history passes with its count and chain head; any change, deletion or insertion,
// in the database or in a downloaded file, is named at the first broken entry.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../db/schema";
import { canonicalJson } from "../../server/domain/canonical-json";
import { DAY_MS } from "../../server/domain/time";
import { exportLine } from "../../server/http/audit-routes";
import { hashEntry } from "../../server/services/audit";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createChair, createCommissioner, responseInput } from "../support/factories";
import { type TestParliament, carriedMotion, closingIn, openBallotOn, publishedMotion, secondedMotion, useParliament } from "../support/parliament";

const root = path.resolve(import.meta.dirname, "../..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "audit-verify-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program to the end without blocking this process (a test server may be serving it). */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

const verify = (args: string[], env: Record<string, string> = {}) => run(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts", ...args], env);

// The two programs exactly as docs/audit.md prints them.
const docs = fs.readFileSync(path.join(root, "docs/audit.md"), "utf8");
const pythonProgram = path.join(work, "verify.py");
const javascriptProgram = path.join(work, "verify.mjs");
fs.writeFileSync(pythonProgram, /```python\n([\s\S]*?)```/.exec(docs)![1]);
fs.writeFileSync(javascriptProgram, /```js\n([\s\S]*?)```/.exec(docs)![1]);
const hasPython = spawnSync("python3", ["--version"]).status === 0;
if (!hasPython && process.env.CI === "true") throw new Error("CI=true but python3 is missing: the documented Python check cannot run");

/** A parliament that has been busy, with text that is not plain ASCII in its payloads. */
async function busyHistory(t: TestParliament) {
  const admin = await createAdmin(t.db);
  await t.services.bodies.create(admin, { name: "Café & Crisis Services — “North”", responsePeriodDays: 42 });
  const carried = await carriedMotion(t);
  t.clock.advance(DAY_MS);
  await t.services.responses.publish(await createCommissioner(t.db, carried.bodyId), carried.motionId, responseInput("accept"));
  const secret = await secondedMotion(t);
  const ballotId = await openBallotOn(t, secret, "secret");
  for (const m of [secret.proposer, ...secret.members]) await t.services.ballots.vote(m, ballotId, { choice: "for" });
  const withdrawn = await publishedMotion(t, 2, { title: "Open the café late — “a calm place” after 9pm" });
  await t.services.motions.withdraw(withdrawn.proposer, withdrawn.motionId, { reason: "Merged into another motion, with thanks.\nSee the café one." });
  await t.services.sittings.schedule(await createChair(t.db), { title: "Winter sitting", startsAt: closingIn(t, 3), place: "Town hall" });
  await publishedMotion(t);
  t.clock.advance(60 * DAY_MS);
  await t.services.ballots.closeDue();
  await t.services.motions.lapseDue();
}

const entries = (t: TestParliament) => t.db.selectFrom("audit_log").selectAll().orderBy("seq").execute();

function writeLog(name: string, rows: AuditEntry[]): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, rows.map((r) => `${exportLine(r)}\n`).join(""));
  return file;
}

const fields: (keyof AuditEntry)[] = ["seq", "at", "actor_id", "type", "subject_type", "subject_id", "motion_id", "payload", "prev_hash", "hash"];

/** A different value for one field of an entry, of the same kind. */
function changed(row: AuditEntry, field: keyof AuditEntry, someoneElse: string): AuditEntry {
  const values: Record<keyof AuditEntry, unknown> = {
    seq: row.seq + 100_000,
    at: row.at + 1,
    actor_id: row.actor_id === null ? someoneElse : null,
    type: `${row.type}x`,
    subject_type: `${row.subject_type}x`,
    subject_id: `${row.subject_id}0`,
    motion_id: row.motion_id === null ? 1 : row.motion_id + 1,
    payload: canonicalJson({ ...JSON.parse(row.payload), forged: true }),
    prev_hash: "f".repeat(64),
    hash: "f".repeat(64),
  };
  return { ...row, [field]: values[field] };
}

/** A convincing forgery put at `seq`: correct hash, chained from the entry before it. */
function forgedAt(rows: AuditEntry[], seq: number): AuditEntry {
  const before = rows.find((r) => r.seq === seq - 1)!;
  const entry = { seq, at: before.at, actor_id: null, type: "motion.state", subject_type: "motion", subject_id: "1", motion_id: 1, payload: canonicalJson({ from: "voting", to: "carried" }) };
  return { ...entry, prev_hash: before.hash, hash: hashEntry(before.hash, entry) };
}

const broken = (seq: number) => expect.stringMatching(new RegExp(`^BROKEN at entry ${seq}\\b`));

describeEachDatabase("npm run audit:verify on the parliament's database", (dialect) => {
  const t = useParliament(dialect);
  const verifyDb = (env: Record<string, string> = {}) => verify([], { DATABASE_URL: t.database.url, ...env });

  it("an untouched busy history is OK, with the number of entries and the chain head", async () => {
    await busyHistory(t);
    const rows = await entries(t);
    expect(rows.length).toBeGreaterThan(25);
    const result = await verifyDb();
    expect(result.stdout).toBe(`OK: ${rows.length} entries, chain head ${rows[rows.length - 1].hash}`);
    expect(result.code).toBe(0);
  });

  it("an empty log is OK, with the genesis value as its head", async () => {
    expect(await verifyDb()).toMatchObject({ code: 0, stdout: `OK: 0 entries, chain head ${"0".repeat(64)}` });
  });

  it("changing any field of a middle entry is BROKEN at that entry", async () => {
    await busyHistory(t);
    const rows = await entries(t);
    const middle = rows[Math.floor(rows.length / 2)];
    const someone = rows.find((r) => r.actor_id)!.actor_id!;
    for (const field of fields) {
      await t.db.updateTable("audit_log").set({ [field]: changed(middle, field, someone)[field] }).where("seq", "=", middle.seq).execute();
      const result = await verifyDb();
      expect(result.stdout, `after changing ${field}`).toEqual(broken(middle.seq));
      expect(result.code).toBe(1);
      await t.db.updateTable("audit_log").set(middle).where("seq", "=", field === "seq" ? middle.seq + 100_000 : middle.seq).execute();
    }
    expect((await verifyDb()).code, "with every field restored").toBe(0);
  });

  it("deleting an entry is BROKEN where it was: the entry is missing", async () => {
    await busyHistory(t);
    const rows = await entries(t);
    const middle = rows[Math.floor(rows.length / 2)];
    await t.db.deleteFrom("audit_log").where("seq", "=", middle.seq).execute();
    expect(await verifyDb()).toMatchObject({ code: 1, stdout: `BROKEN at entry ${middle.seq}: entry missing` });
  });

  it("a forged entry slipped into the middle, with the later entries renumbered, is BROKEN at the entry after it", async () => {
    await busyHistory(t);
    const rows = await entries(t);
    const at = rows[Math.floor(rows.length / 2)].seq;
    // Two steps, so no two rows ever share a number on the way.
    await t.db.updateTable("audit_log").set((eb) => ({ seq: eb("seq", "+", 1_000_000) })).where("seq", ">=", at).execute();
    await t.db.updateTable("audit_log").set((eb) => ({ seq: eb("seq", "-", 999_999) })).where("seq", ">=", 1_000_000).execute();
    await t.db.insertInto("audit_log").values(forgedAt(rows, at)).execute();
    expect(await verifyDb()).toMatchObject({ code: 1, stdout: `BROKEN at entry ${at + 1}: previous hash does not match the entry before` });
  });

  it("a forged entry added at the end is BROKEN at it", async () => {
    await busyHistory(t);
    const rows = await entries(t);
    const last = rows[rows.length - 1];
    await t.db.insertInto("audit_log").values({ ...forgedAt(rows, last.seq + 1), hash: "a".repeat(64) }).execute();
    expect(await verifyDb()).toMatchObject({ code: 1, stdout: `BROKEN at entry ${last.seq + 1}: hash does not match the entry's contents` });
  });
});

describe("npm run audit:verify when there is nothing to read", () => {
  it("a database file that is not there: exit 2 with a plain message, and no empty database made", async () => {
    const missing = path.join(work, "no-such.db");
    const result = await verify([], { DATABASE_URL: `file:${missing}` });
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toContain(`There is no database at ${missing}`);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it("a file that is missing, a folder, or not an export at all: exit 2", async () => {
    const html = path.join(work, "page.html");
    fs.writeFileSync(html, "<!DOCTYPE html><html><body>Not a log</body></html>\n");
    for (const [file, message] of [
      [path.join(work, "missing.jsonl"), "Cannot read"],
      [work, "it is not a file"],
      [html, "does not look like an audit log export"],
    ]) {
      const result = await verify(["--file", file]);
      expect(result.code, file).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });

  it("a site that does not answer, or an address that is not one: exit 2", async () => {
    const unreachable = await verify(["--url", "http://127.0.0.1:9"]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain("Cannot reach http://127.0.0.1:9/audit.jsonl");
    expect(await verify(["--url", "not a web address"])).toMatchObject({ code: 2, stderr: expect.stringContaining("is not a web address") });
    expect(await verify(["--file", "a", "--url", "http://b"])).toMatchObject({ code: 2, stderr: expect.stringContaining("not both") });
  });
});

describeEachDatabase("checking a downloaded file: the script and the programs in docs/audit.md agree", (dialect) => {
  const t = useParliament(dialect);
  let rows: AuditEntry[];
  beforeEach(async () => {
    await busyHistory(t);
    rows = await entries(t);
  });

  /** The script's and both documented programs' verdicts on one file. */
  async function verdicts(file: string) {
    const script = await verify(["--file", file]);
    const js = await run(process.execPath, [javascriptProgram, file]);
    const python = hasPython ? await run("python3", [pythonProgram, file]) : null;
    return { script, js, python };
  }

  it("an untouched file is OK, with the same count and head as the database check", async () => {
    const file = writeLog("good.jsonl", rows);
    const expected = `OK: ${rows.length} entries, chain head ${rows[rows.length - 1].hash}`;
    expect((await verify([], { DATABASE_URL: t.database.url })).stdout).toBe(expected);
    const { script, js, python } = await verdicts(file);
    expect(script).toMatchObject({ code: 0, stdout: expected });
    expect(js).toMatchObject({ code: 0, stdout: expected });
    if (python) expect(python).toMatchObject({ code: 0, stdout: expected });
    const viaNpm = await run("npm", ["run", "-s", "audit:verify", "--", "--file", file]);
    expect(viaNpm).toMatchObject({ code: 0, stdout: expected });
  });

  if (!hasPython) it.skip("the Python program in docs/audit.md agrees (skipped: python3 is not installed here)", () => {});

  it("changing any field of a middle line is BROKEN at that entry, for all three", async () => {
    const i = Math.floor(rows.length / 2);
    const someone = rows.find((r) => r.actor_id)!.actor_id!;
    for (const field of fields) {
      const file = writeLog(`changed-${field}.jsonl`, rows.map((r, j) => (j === i ? changed(r, field, someone) : r)));
      const { script, js, python } = await verdicts(file);
      expect(script.stdout, `script, after changing ${field}`).toEqual(broken(rows[i].seq));
      expect(script.code).toBe(1);
      expect(js, `JavaScript, after changing ${field}`).toMatchObject({ code: 1, stdout: `BROKEN at entry ${rows[i].seq}` });
      if (python) expect(python, `Python, after changing ${field}`).toMatchObject({ code: 1, stderr: `BROKEN at entry ${rows[i].seq}` });
    }
  });

  it("deleting a line, inserting a forged line, or swapping two lines is BROKEN at the first broken entry", async () => {
    const i = Math.floor(rows.length / 2);
    const seq = rows[i].seq;
    const renumbered = rows.slice(i).map((r) => ({ ...r, seq: r.seq + 1 }));
    const cases: [string, AuditEntry[], number, string][] = [
      ["deleted", rows.filter((_, j) => j !== i), seq, "entry missing"],
      ["forged in place, later lines renumbered", [...rows.slice(0, i), forgedAt(rows, seq), ...renumbered], seq + 1, "previous hash does not match"],
      ["forged at the end", [...rows, { ...forgedAt(rows, rows.length + 1), hash: "b".repeat(64) }], rows.length + 1, "hash does not match"],
      ["swapped", [...rows.slice(0, i), rows[i + 1], rows[i], ...rows.slice(i + 2)], seq, "entry missing"],
      ["payload rewritten to the same meaning", rows.map((r, j) => (j === i ? { ...r, payload: JSON.stringify(JSON.parse(r.payload), null, 1) } : r)), seq, "payload is not stored as canonical JSON"],
    ];
    for (const [story, lines, at, reason] of cases) {
      const { script, js, python } = await verdicts(writeLog("tampered.jsonl", lines));
      expect(script, story).toMatchObject({ code: 1, stdout: expect.stringContaining(`BROKEN at entry ${at}: ${reason}`) });
      expect(js, story).toMatchObject({ code: 1, stdout: `BROKEN at entry ${at}` });
      if (python) expect(python, story).toMatchObject({ code: 1, stderr: `BROKEN at entry ${at}` });
    }
  });
});
