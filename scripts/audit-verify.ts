// `npm run audit:verify [-- --file audit.jsonl | --url https://parliament.example]`
// Recomputes every hash in the audit log and names the first entry that does not follow.
//
// Without flags it checks the configured database through the server's own code
// (verifyAuditChain). With --file or --url it checks an export using only canonical JSON and
// SHA-256, written from docs/audit.md and sharing nothing with the server: if this check and
// the server ever disagreed, the documentation would be wrong, and the tests would say so.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";

const usage = `Usage: npm run audit:verify [-- --file <audit.jsonl | -> | --url <site address>]

  (no flag)  check the database in DATABASE_URL (default file:./data/parliament.db)
  --file     check a downloaded export (/audit.jsonl); "-" reads standard input
  --url      download the export from a running site and check it

Prints "OK: N entries, chain head <hash>" and exits 0, or "BROKEN at entry <n>: <reason>" and
exits 1. Exits 2 when the log cannot be read at all.`;

type Result = { ok: true; count: number; head: string } | { ok: false; seq: number; reason: string };

class Unreadable extends Error {}

const GENESIS = "0".repeat(64);

/** Canonical JSON as docs/audit.md defines it: keys sorted, no whitespace, JSON's own escapes. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const object = value as Record<string, unknown>;
  return `{${Object.keys(object)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`)
    .join(",")}}`;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isText = (v: unknown): v is string => typeof v === "string";

/** The shape each exported line must have; the reason names the first field that is wrong. */
function shapeProblem(e: Record<string, unknown>): string | null {
  const checks: [string, (v: unknown) => boolean, string][] = [
    ["seq", isInt, "a whole number"],
    ["at", isInt, "a whole number"],
    ["actor_id", (v) => v === null || isText(v), "text or null"],
    ["type", isText, "text"],
    ["subject_type", isText, "text"],
    ["subject_id", isText, "text"],
    ["motion_id", (v) => v === null || isInt(v), "a whole number or null"],
    ["payload", isText, "text"],
    ["prev_hash", isText, "text"],
    ["hash", isText, "text"],
  ];
  for (const [field, ok, what] of checks) if (!ok(e[field])) return `field "${field}" is missing or not ${what}`;
  return null;
}

/** The documented algorithm, line by line, so a log of any length is checked in constant memory. */
async function verifyExport(lines: AsyncIterable<string>): Promise<Result> {
  let prev = GENESIS;
  let expected = 1;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (!line.trim()) continue;
    let e: Record<string, unknown>;
    try {
      e = JSON.parse(line);
      if (!e || typeof e !== "object" || Array.isArray(e)) throw new Error("not an object");
    } catch {
      if (expected === 1) throw new Unreadable(`Line ${lineNumber} is not a JSON object, so this does not look like an audit log export.`);
      return { ok: false, seq: expected, reason: `line ${lineNumber} is not a JSON object` };
    }
    const shape = shapeProblem(e);
    if (shape) return { ok: false, seq: isInt(e.seq) ? e.seq : expected, reason: shape };
    const seq = e.seq as number;
    if (seq < expected) {
      return { ok: false, seq, reason: expected === 1 ? "entry numbered before the start of the log" : "entry out of order or repeated" };
    }
    if (seq > expected) return { ok: false, seq: expected, reason: "entry missing" };
    if (e.prev_hash !== prev) return { ok: false, seq, reason: "previous hash does not match the entry before" };
    let payload: unknown;
    try {
      payload = JSON.parse(e.payload as string);
    } catch {
      return { ok: false, seq, reason: "payload is not valid JSON" };
    }
    if (canonical(payload) !== e.payload) return { ok: false, seq, reason: "payload is not stored as canonical JSON" };
    const { at, actor_id, type, subject_type, subject_id, motion_id } = e;
    const hashed = canonical({ seq, at, actor_id, type, subject_type, subject_id, motion_id, payload });
    if (sha256(prev + hashed) !== e.hash) return { ok: false, seq, reason: "hash does not match the entry's contents" };
    prev = e.hash as string;
    expected += 1;
  }
  return { ok: true, count: expected - 1, head: prev };
}

function linesOf(input: NodeJS.ReadableStream): AsyncIterable<string> {
  // Errors from the stream itself (a dropped download) must end the check, not hang it.
  const lines = createInterface({ input, crlfDelay: Infinity });
  input.on("error", (error) => lines.emit("error", error));
  return lines;
}

async function checkFile(file: string): Promise<Result> {
  if (file === "-") return verifyExport(linesOf(process.stdin));
  try {
    if (!fs.statSync(file).isFile()) throw new Error("it is not a file");
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    throw new Unreadable(`Cannot read ${file}: ${(error as Error).message}`);
  }
  return verifyExport(linesOf(fs.createReadStream(file)));
}

function exportUrl(site: string): URL {
  let url: URL;
  try {
    url = new URL(site);
  } catch {
    throw new Unreadable(`"${site}" is not a web address. Give the site's address, such as https://parliament.example.`);
  }
  if (url.pathname.endsWith(".jsonl")) return url;
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/audit.jsonl`;
  return url;
}

async function checkUrl(site: string): Promise<Result> {
  const url = exportUrl(site);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Unreadable(`Cannot reach ${url}: ${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}`);
  }
  if (!response.ok || !response.body) throw new Unreadable(`${url} answered ${response.status} ${response.statusText}, not the audit log.`);
  return verifyExport(linesOf(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream)));
}

/** The database, through the server's own code path. */
async function checkDatabase(): Promise<Result> {
  const { connect, isPostgresUrl, sqlitePath } = await import("../db/connect");
  const { verifyAuditChain, GENESIS_HASH } = await import("../server/services/audit");
  const url = process.env.DATABASE_URL || "file:./data/parliament.db";
  // Opening a SQLite path that does not exist would create an empty database: check first.
  if (!isPostgresUrl(url) && sqlitePath(url) !== ":memory:" && !fs.existsSync(sqlitePath(url))) {
    throw new Unreadable(`There is no database at ${sqlitePath(url)}. Set DATABASE_URL to the parliament's database.`);
  }
  const database = connect(url);
  try {
    console.error(`Checking the audit log in ${database.description}…`);
    let check;
    try {
      check = await verifyAuditChain(database.db);
    } catch (error) {
      throw new Unreadable(`Cannot read the audit log in ${database.description}: ${(error as Error).message}`);
    }
    if (!check.ok) return { ok: false, seq: check.brokenAt, reason: check.problem };
    const head = check.checked
      ? (await database.db.selectFrom("audit_log").select("hash").where("seq", "=", check.checked).executeTakeFirstOrThrow()).hash
      : GENESIS_HASH;
    return { ok: true, count: check.checked, head };
  } finally {
    await database.close();
  }
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { file: { type: "string" }, url: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (args.help) {
    console.log(usage);
    return 0;
  }
  if (args.file !== undefined && args.url !== undefined) {
    console.error(`Give --file or --url, not both.\n\n${usage}`);
    return 2;
  }
  try {
    const result = args.file !== undefined ? await checkFile(args.file) : args.url !== undefined ? await checkUrl(args.url) : await checkDatabase();
    if (result.ok) {
      console.log(`OK: ${result.count} entries, chain head ${result.head}`);
      return 0;
    }
    console.log(`BROKEN at entry ${result.seq}: ${result.reason}`);
    return 1;
  } catch (error) {
    console.error(error instanceof Unreadable ? error.message : `Cannot read the audit log: ${(error as Error).message}`);
    return 2;
  }
}

process.exitCode = await main();
