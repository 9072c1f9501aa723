// A motion page's timeline is read from the audit log. On SQLite it must come from one index
// alone: a motion's entries are spread over the whole log, and fetching each from the table cost
// about 2 ms a page at 3.2 million entries (bench:record). The plan is checked, not the time.
import { CompiledQuery } from "kysely";
import { describe, expect, it } from "vitest";
import { timelineQuery } from "../../server/queries/motion-page";
import { publishedMotion, useParliament } from "../support/parliament";

describe("the motion timeline on SQLite", () => {
  const t = useParliament("sqlite");

  it("reads a motion's audit entries, in order, from the covering index without touching the table", async () => {
    const m = await publishedMotion(t);
    const query = timelineQuery(t.db, m.motionId).compile();
    const plan = await t.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
    expect(plan.rows.map((r) => r.detail).join("\n")).toMatch(/SEARCH audit_log USING COVERING INDEX audit_log_motion_timeline \(motion_id=\?\)/);
    const rows = await timelineQuery(t.db, m.motionId).execute();
    expect(rows.map((r) => r.type)).toContain("motion.published");
    expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((a, b) => a - b));
  });
});
