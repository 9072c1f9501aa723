// The audit log as a download: `/audit.jsonl`, one stored entry per line in chain order, so
// anyone can recompute every hash (docs/audit.md). An Express route rather than a Remix resource
// route because it needs real back-pressure and to stop reading when the client goes away
// (see docs/decisions/007-audit-export.md). `/audit.md` serves the how-to-check document.
import fs from "node:fs/promises";
import path from "node:path";
import express from "express";
import type { AuditEntry } from "../../db/schema";
import { pump } from "../record/pump";
import type { Services } from "../services";

/** Entries read per query: big enough to stream fast, small enough to keep memory flat. */
export const EXPORT_BATCH = 500;

const docsFile = path.resolve(import.meta.dirname, "../../docs/audit.md");

/** Exactly the stored fields, in a fixed order, with the payload as its stored canonical text. */
export function exportLine(e: AuditEntry): string {
  return JSON.stringify({
    seq: e.seq,
    at: e.at,
    actor_id: e.actor_id,
    type: e.type,
    subject_type: e.subject_type,
    subject_id: e.subject_id,
    motion_id: e.motion_id,
    payload: e.payload,
    prev_hash: e.prev_hash,
    hash: e.hash,
  });
}

function plain(res: express.Response, status: number, message: string) {
  res.status(status).type("text/plain; charset=utf-8").send(`${message}\n`);
}

/** The export one batch per chunk; the next batch is read only when the reader has taken this one. */
async function* exportChunks(services: Pick<Services, "audit">, first: AuditEntry[], batchSize: number) {
  let batch = first;
  while (batch.length) {
    yield batch.map(exportLine).join("\n") + "\n";
    if (batch.length < batchSize) return;
    batch = await services.audit.entries(batch[batch.length - 1].seq, batchSize);
  }
}

export function auditRoutes(services: Pick<Services, "audit">, { batchSize = EXPORT_BATCH } = {}): express.Router {
  const router = express.Router();

  router.get("/audit.jsonl", async (req, res, next) => {
    const fromParam = req.query.from;
    let from: number | null = null;
    if (fromParam !== undefined) {
      if (typeof fromParam !== "string" || !/^\d{1,15}$/.test(fromParam) || Number(fromParam) < 1) {
        plain(res, 400, "The from= value must be an entry number (a whole number from 1 up), for example /audit.jsonl?from=120.");
        return;
      }
      from = Number(fromParam);
    }

    try {
      // The first batch is read before the headers go out, so a failing database still gets
      // an error page rather than an empty download.
      const first = await services.audit.entries(from === null ? null : from - 1, batchSize);
      res.status(200).set({
        "Content-Type": "application/x-ndjson; charset=utf-8",
        "Content-Disposition": `attachment; filename="${from === null ? "audit.jsonl" : `audit-from-${from}.jsonl`}"`,
        // The log grows with every decision: a cached copy would hide the newest entries.
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
      });
      res.flushHeaders();
      await pump(res, exportChunks(services, first, batchSize));
    } catch (error) {
      // Once lines have gone out, a clean end would pass for a complete log: cut the
      // connection instead, so the reader sees a failed download.
      if (res.headersSent) res.destroy(error as Error);
      else next(error);
    }
  });

  router.get("/audit.md", async (_req, res, next) => {
    try {
      const text = await fs.readFile(docsFile, "utf8");
      res.status(200).type("text/plain; charset=utf-8").set("Cache-Control", "public, max-age=3600").send(text);
    } catch (error) {
      next(error);
    }
  });

  return router;
}
