// The public audit page filters a log that grows by an entry for every vote: 3.2 million
// entries at 100,000 motions (bench:record), where walking the log until fifty entries match
// took 0.5 to 0.7 s for a rare kind of entry or a year long ago. On SQLite every query the page
// makes must reach its entries through an index. The plans are checked, not the time.
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { sqlitePath } from "../../db/connect";
import type { Database } from "../../db/schema";
import { type AuditLogQuery, listAuditLog } from "../../server/queries/audit-log";
import { DAY_MS } from "../../server/domain/time";
import { publishedMotion, useParliament } from "../support/parliament";

describe("the audit page's filters on SQLite", () => {
  const t = useParliament("sqlite");
  let connection: SQLite.Database | null = null;
  afterEach(() => {
    connection?.close();
  });

  /** listAuditLog's page for `q`, and the plan of every query it made that filters the log. */
  async function plansFor(q: AuditLogQuery) {
    connection?.close();
    const sqlite = new SQLite(sqlitePath(t.database.url));
    connection = sqlite;
    const filtering: { text: string; parameters: unknown[] }[] = [];
    const database = {
      prepare(text: string) {
        const statement = sqlite.prepare(text);
        // The newest entry, for the page's head, is read without a filter: one step, no index needed.
        if (!/from "audit_log"/.test(text) || !/ where /.test(text)) return statement;
        return {
          reader: statement.reader,
          all: (...parameters: unknown[]) => {
            filtering.push({ text, parameters });
            return statement.all(...parameters);
          },
        };
      },
      close: () => sqlite.close(),
    };
    const page = await listAuditLog(new Kysely<Database>({ dialect: new SqliteDialect({ database: database as never }) }), q);
    const plans = filtering.map(({ text, parameters }) =>
      (sqlite.prepare(`explain query plan ${text}`).all(...parameters) as { detail: string }[]).map((r) => r.detail).join(" | "),
    );
    return { page, plans };
  }

  it("finds a kind of entry, a kind of subject and a span of dates without walking the log", async () => {
    await publishedMotion(t);
    const day = t.clock.now();
    t.clock.advance(2 * DAY_MS);
    await publishedMotion(t);
    for (const q of [
      { type: "motion.published" },
      { subjectType: "motion" },
      { fromAt: day - DAY_MS, untilAt: day + DAY_MS },
      { type: "motion.published", fromAt: day + DAY_MS, before: 1000 },
    ]) {
      const { page, plans } = await plansFor(q);
      expect(page.entries.length, JSON.stringify(q)).toBeGreaterThan(0);
      expect(plans.length, JSON.stringify(q)).toBeGreaterThan(0);
      for (const plan of plans) expect(plan, JSON.stringify(q)).not.toMatch(/SCAN audit_log/);
    }
  });

  it("a span of dates is the run of entries between its first and last, both included", async () => {
    await publishedMotion(t);
    const start = t.clock.now();
    t.clock.advance(DAY_MS);
    const middle = await publishedMotion(t);
    t.clock.advance(DAY_MS);
    await publishedMotion(t);
    const all = await t.db.selectFrom("audit_log").select(["seq", "at", "motion_id"]).orderBy("seq").execute();
    const inSpan = all.filter((e) => e.at >= start + DAY_MS && e.at < start + 2 * DAY_MS);
    expect(inSpan.length).toBeGreaterThan(0);
    expect(new Set(inSpan.map((e) => e.motion_id))).toEqual(new Set([middle.motionId]));
    const { page } = await plansFor({ fromAt: start + DAY_MS, untilAt: start + 2 * DAY_MS });
    expect(page.entries.map((e) => e.seq)).toEqual(inSpan.map((e) => e.seq).reverse());
    expect((await plansFor({ fromAt: start + 10 * DAY_MS })).page.entries).toEqual([]);
    expect((await plansFor({ untilAt: start - DAY_MS })).page.entries).toEqual([]);
  });
});
