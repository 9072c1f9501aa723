// The exports stream: a large record is read in keyset batches (never all at once, never one
// query per motion) and written as it is read; a client that leaves part way costs nothing.
import { parse } from "csv-parse/sync";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import type { Insertable } from "kysely";
import type { MotionTable } from "../../db/schema";
import { formatMotionNumber } from "../../server/domain/motion-number";
import { DEFAULT_BATCH_SIZE } from "../../server/record/export-rows";
import { describeEachDatabase } from "../support/databases";
import { createBody, createMember } from "../support/factories";
import { type TestServer, useTestServer } from "../support/server";

const MOTIONS = 1_200;
const BATCH = DEFAULT_BATCH_SIZE;

/** Published motions written straight into the table: the exports read rows, however they were made. */
async function insertMotions(server: TestServer, count: number) {
  const db = server.database.db;
  const body = await createBody(db);
  const proposer = await createMember(db);
  // Published within the last day, by the real clock the server runs on: none may lapse (and
  // change status) while the tests read them back.
  const start = Date.now() - (count + 1) * 60_000;
  const rows: Insertable<MotionTable>[] = [];
  for (let i = 1; i <= count; i++) {
    const at = start + i * 60_000;
    rows.push({
      number: formatMotionNumber(2026, i),
      title: `Bulk motion ${i}, with a comma`,
      text: `The parliament asks for change number ${i}.`,
      rationale: "Members asked for it.",
      summary: "",
      body_id: body.id,
      proposer_id: proposer.id,
      status: "open",
      version: 1,
      seconders_required: 2,
      created_at: at,
      updated_at: at,
      published_at: at,
      lapses_at: at + 28 * 86_400_000,
    });
    // A draft in the middle of a batch must be skipped without shortening the batch.
    if (i === 700) rows.push({ ...rows[rows.length - 1], number: null, title: "A bulk draft", status: "draft", published_at: null, lapses_at: null });
  }
  for (let i = 0; i < rows.length; i += 200) await db.insertInto("motions").values(rows.slice(i, i + 200)).execute();
}

let watching: { mockRestore(): void } | null = null;

/** Every SQL statement the server sends, read off its own Kysely executor. */
function watchQueries(server: TestServer) {
  const spy = vi.spyOn(server.database.db.getExecutor(), "executeQuery");
  watching = spy;
  return spy;
}

/** The keyset page query of the exports: the one that selects motions with their body's slug. */
const isMotionPage = (sql: string) => /"bodies"\."slug" as "body_slug"/.test(sql) && /limit/i.test(sql) && !/"motions"\."number" = /.test(sql);

describeEachDatabase("open data: streaming a large record", (dialect) => {
  const holder = useTestServer(dialect);
  beforeAll(async () => {
    await insertMotions(holder.server, MOTIONS);
  }, 120_000);
  afterEach(() => {
    watching?.mockRestore();
    watching = null;
  });
  const url = (path: string) => new URL(path, holder.server.url);

  it("the JSON export holds all 1,200 motions in order, read in batches with a handful of queries each", async () => {
    const executed = watchQueries(holder.server);
    const response = await fetch(url("/record.json"));
    expect(response.status).toBe(200);
    const data = await response.json();
    expect(data.motions).toHaveLength(MOTIONS);
    expect(data.motions.map((m: { id: string }) => m.id)).toEqual(Array.from({ length: MOTIONS }, (_, i) => formatMotionNumber(2026, i + 1)));
    expect(JSON.stringify(data)).not.toContain("A bulk draft");

    const sql = executed.mock.calls.map(([query]) => query.sql);
    const pages = sql.filter(isMotionPage);
    // The draft is never read. Full pages, then a short (or, when the count divides evenly,
    // empty) last page that tells the reader it has reached the end.
    expect(pages).toHaveLength(Math.floor(MOTIONS / BATCH) + 1);
    // Each batch reads each kind of related row once, whatever the number of motions in it.
    expect(sql.length).toBeLessThan(pages.length * 12);
    const afterIds = executed.mock.calls.filter(([query]) => isMotionPage(query.sql)).map(([query]) => query.parameters);
    expect(afterIds[0]).toContain(0);
    expect(afterIds[1]).not.toContain(0);
  });

  it("the CSV export parses back to all 1,200 rows in order", async () => {
    const response = await fetch(url("/record.csv"));
    const rows: Record<string, string>[] = parse(await response.text(), { columns: true });
    expect(rows).toHaveLength(MOTIONS);
    expect(rows[0]).toMatchObject({ number: formatMotionNumber(2026, 1), title: "Bulk motion 1, with a comma", status: "open" });
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: MOTIONS }, (_, i) => formatMotionNumber(2026, i + 1)));
  });

  it("a client that leaves part way does not hurt the server, which stops reading for it", async () => {
    const executed = watchQueries(holder.server);
    const controller = new AbortController();
    const response = await fetch(url("/record.json"), { signal: controller.signal });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).startsWith('{"meta":')).toBe(true);
    controller.abort();
    await expect(reader.read()).rejects.toThrow();

    // However far it got, the server stops reading: no more pages once it has noticed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const pagesAfterAbort = executed.mock.calls.filter(([query]) => isMotionPage(query.sql)).length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(executed.mock.calls.filter(([query]) => isMotionPage(query.sql)).length).toBe(pagesAfterAbort);
    expect(pagesAfterAbort).toBeLessThanOrEqual(Math.floor(MOTIONS / BATCH) + 1);

    const next = await fetch(url("/record.csv"));
    expect(next.status).toBe(200);
    expect(parse(await next.text(), { columns: true })).toHaveLength(MOTIONS);
    const page = await fetch(url("/motions"), { headers: { Accept: "text/html" } });
    expect(page.status).toBe(200);
  });
});
