// `/audit.jsonl`: the stored chain, line for line, streamed in batches; a check of a running site
// with `npm run audit:verify -- --url`; and a download that respects a slow or vanished reader.
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../db/schema";
import { canonicalJson } from "../../server/domain/canonical-json";
import { DAY_MS } from "../../server/domain/time";
import { EXPORT_BATCH, auditRoutes } from "../../server/http/audit-routes";
import type { Services } from "../../server/services";
import { appendAudit } from "../../server/services/audit";
import { manualClock } from "../support/clock";
import { describeEachDatabase } from "../support/databases";
import { createCommissioner, responseInput } from "../support/factories";
import { type TestParliament, carriedMotion, openBallotOn, secondedMotion } from "../support/parliament";
import { useTestServer } from "../support/server";

const root = path.resolve(import.meta.dirname, "../..");
const storedFields = ["seq", "at", "actor_id", "type", "subject_type", "subject_id", "motion_id", "payload", "prev_hash", "hash"];

function verifyUrl(url: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts", "--url", url], { cwd: root });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: stdout.trim() }));
  });
}

const linesOf = (text: string) => text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as AuditEntry);

describeEachDatabase("downloading the audit log", (dialect) => {
  const clock = manualClock();
  const holder = useTestServer(dialect, { clock });
  const rows = () => holder.server.database.db.selectFrom("audit_log").selectAll().orderBy("seq").execute();

  beforeAll(async () => {
    // Real decisions, then enough routine entries that the download takes several batches.
    const server = holder.server;
    const t = { db: server.database.db, services: server.services, clock, rules: server.services.rules } as TestParliament;
    const carried = await carriedMotion(t);
    clock.advance(DAY_MS);
    await t.services.responses.publish(await createCommissioner(t.db, carried.bodyId), carried.motionId, responseInput("accept"));
    const secret = await secondedMotion(t);
    const ballotId = await openBallotOn(t, secret, "secret");
    for (const m of secret.members) await t.services.ballots.vote(m, ballotId, { choice: "against" });
    await t.db.transaction().execute(async (trx) => {
      for (let i = 0; i < EXPORT_BATCH * 2 + 37; i++) {
        await appendAudit(trx, clock.now() + i, { type: "motion.seconded", actorId: secret.members[0].id, subjectType: "motion", subjectId: secret.motionId, motionId: secret.motionId, payload: { number: secret.number, seconds: i } });
      }
    });
  });

  it("is every stored entry in order, exactly as stored, one JSON object a line", async () => {
    const response = await fetch(`${holder.server.url}/audit.jsonl`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="audit.jsonl"');
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const text = await response.text();
    expect(text.endsWith("\n")).toBe(true);
    const stored = await rows();
    expect(stored.length).toBeGreaterThan(EXPORT_BATCH * 2);
    const lines = linesOf(text);
    expect(lines).toEqual(stored);
    for (const line of lines.slice(0, 3)) expect(Object.keys(line)).toEqual(storedFields);
    // The payload stays the stored text, so the hash can be recomputed byte for byte.
    expect(typeof lines[0].payload).toBe("string");
  });

  it("from=N gives entry N onwards, chained to the copy the reader already holds", async () => {
    const stored = await rows();
    const from = stored.length - 40;
    const response = await fetch(`${holder.server.url}/audit.jsonl?from=${from}`);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="audit-from-${from}.jsonl"`);
    const lines = linesOf(await response.text());
    expect(lines).toEqual(stored.slice(from - 1));
    expect(lines[0].prev_hash).toBe(stored[from - 2].hash);

    const beyond = await fetch(`${holder.server.url}/audit.jsonl?from=${stored.length + 1}`);
    expect(beyond.status).toBe(200);
    expect(await beyond.text()).toBe("");
  });

  it("a from= that is not an entry number is a plain 400", async () => {
    for (const bad of ["0", "-3", "abc", "1.5", "99999999999999999999"]) {
      const response = await fetch(`${holder.server.url}/audit.jsonl?from=${bad}`);
      expect(response.status, bad).toBe(400);
      expect(await response.text()).toContain("must be an entry number");
    }
  });

  it("npm run audit:verify -- --url checks the running site; after a row is changed, it names that entry", async () => {
    const stored = await rows();
    const head = stored[stored.length - 1];
    expect(await verifyUrl(holder.server.url)).toEqual({ code: 0, stdout: `OK: ${stored.length} entries, chain head ${head.hash}` });
    expect(await verifyUrl(`${holder.server.url}/audit.jsonl`)).toMatchObject({ code: 0 });

    const db = holder.server.database.db;
    const vote = stored.find((r) => r.type === "vote.cast" && JSON.parse(r.payload).kind === "secret")!;
    // Someone "adds" a secret choice to a vote: the text is canonical, but no longer what was hashed.
    const forged = canonicalJson({ ...JSON.parse(vote.payload), choice: "for" });
    await db.updateTable("audit_log").set({ payload: forged }).where("seq", "=", vote.seq).execute();
    try {
      expect(await verifyUrl(holder.server.url)).toEqual({ code: 1, stdout: `BROKEN at entry ${vote.seq}: hash does not match the entry's contents` });
      // The page still shows the log (the check is where tampering is reported, not a crash).
      expect((await fetch(`${holder.server.url}/audit`)).status).toBe(200);
    } finally {
      await db.updateTable("audit_log").set({ payload: vote.payload }).where("seq", "=", vote.seq).execute();
    }
  });
});

describe("streaming the download", () => {
  // A log far bigger than any socket buffer: 200 batches of 10 entries of 100 kB each.
  const batchSize = 10;
  const batches = 200;
  const big = JSON.stringify({ note: "x".repeat(100_000) });
  let reads = 0;
  const services = {
    audit: {
      entries: async (after: number | null, limit: number): Promise<AuditEntry[]> => {
        reads += 1;
        const start = (after ?? 0) + 1;
        if (start > batches * batchSize) return [];
        return Array.from({ length: limit }, (_, i) => ({
          seq: start + i,
          at: 0,
          actor_id: null,
          type: "test.big",
          subject_type: "test",
          subject_id: String(start + i),
          motion_id: null,
          payload: big,
          prev_hash: "0".repeat(64),
          hash: "0".repeat(64),
        }));
      },
    },
  } as unknown as Pick<Services, "audit">;

  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    app.use(auditRoutes(services, { batchSize }));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/audit.jsonl`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Waits until the number of reads stops changing, then returns it. */
  async function settledReads(): Promise<number> {
    let last = -1;
    for (let calm = 0; calm < 5; ) {
      await new Promise((r) => setTimeout(r, 100));
      if (reads === last) calm += 1;
      else [calm, last] = [0, reads];
    }
    return reads;
  }

  it("reads no further ahead than a slow reader can take, and stops when the reader goes away", async () => {
    reads = 0;
    const request = http.get(url, (response) => response.pause());
    request.on("error", () => {});
    const whilePaused = await settledReads();
    // Without back-pressure all 200 batches (20 MB) would be read into memory at once.
    expect(whilePaused).toBeGreaterThan(0);
    expect(whilePaused).toBeLessThan(batches / 4);

    request.destroy();
    const afterLeaving = await settledReads();
    expect(afterLeaving - whilePaused).toBeLessThanOrEqual(1);
  });

  it("a reader that keeps reading gets every batch, to the end", async () => {
    reads = 0;
    const text = await (await fetch(url)).text();
    const lines = text.split("\n").filter(Boolean);
    expect(lines.length).toBe(batches * batchSize);
    expect(JSON.parse(lines[lines.length - 1]).seq).toBe(batches * batchSize);
  });
});
