// A promise due before it is made would reach the public record already overdue. An action's
// due date must be today or later, today being the parliament's date by the service's clock.
import { expect, it } from "vitest";
import { InvalidInput } from "../../server/domain/errors";
import { DAY_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createCommissioner, responseInput } from "../support/factories";
import { type TestParliament, carriedMotion, closingIn, dateIn, useParliament } from "../support/parliament";

const countRows = async (t: TestParliament, table: "responses" | "response_actions" | "notifications" | "audit_log") =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const action = (description: string, dueDate: string) => ({ description, owner: "Assessment team", dueDate });
const blankRow = { description: "", owner: "", dueDate: "" };

describeEachDatabase("an action's due date is today or later", (dialect) => {
  const t = useParliament(dialect);

  async function answerable() {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    return { ...scene, commissioner };
  }

  async function nothingWritten(motionId: number, before: { audit: number; notifications: number }) {
    expect(await countRows(t, "responses")).toBe(0);
    expect(await countRows(t, "response_actions")).toBe(0);
    expect(await countRows(t, "audit_log")).toBe(before.audit);
    expect(await countRows(t, "notifications")).toBe(before.notifications);
    const motion = await t.db.selectFrom("motions").select("response_status").where("id", "=", motionId).executeTakeFirstOrThrow();
    expect(motion.response_status).toBe("awaiting");
  }

  it("a response promising an action due in 2020 is refused on that action's due date, and nothing is written", async () => {
    const s = await answerable();
    const before = { audit: await countRows(t, "audit_log"), notifications: await countRows(t, "notifications") };
    const input = responseInput("accept", {
      // A blank spare row first: the message must still name the row the date was typed in.
      actions: [blankRow, action("Add a question about pets to the form", dateIn(t, 30)), action("Train the assessors", "2020-01-01")],
    });
    const error = await t.services.responses.publish(s.commissioner, s.motionId, input).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.fieldErrors).toEqual({ "actions.2.dueDate": ["The due date must be today or later."] });
    await nothingWritten(s.motionId, before);
  });

  it("yesterday is refused and today is accepted, today being the parliament's date, not the server's UTC date", async () => {
    const s = await answerable();
    // 23:30 UTC on 30 June is already 00:30 on 1 July in London.
    t.clock.set(Date.UTC(2026, 5, 30, 23, 30));
    expect(t.rules.timeZone).toBe("Europe/London");
    const before = { audit: await countRows(t, "audit_log"), notifications: await countRows(t, "notifications") };
    const yesterday = responseInput("accept", { actions: [action("Add a question about pets to the form", "2026-06-30")] });
    const error = await t.services.responses.publish(s.commissioner, s.motionId, yesterday).catch((e) => e);
    expect(error.fieldErrors).toEqual({ "actions.0.dueDate": ["The due date must be today or later."] });
    await nothingWritten(s.motionId, before);

    const today = responseInput("accept", { actions: [action("Add a question about pets to the form", "2026-07-01")] });
    await t.services.responses.publish(s.commissioner, s.motionId, today);
    const [row] = await t.db.selectFrom("response_actions").select(["due_at"]).where("motion_id", "=", s.motionId).execute();
    // Due at the end of that day in London, so it is not overdue the moment it is published.
    expect(row.due_at).toBeGreaterThan(t.clock.now());
  });

  it("a revised response is held to the same rule", async () => {
    const s = await answerable();
    const first = await t.services.responses.publish(
      s.commissioner,
      s.motionId,
      responseInput("accept_in_part", { actions: [action("Add a question about pets to the form", dateIn(t, 30))] }),
    );
    t.clock.advance(DAY_MS);
    const { ballotId } = await t.services.verdicts.open(s.chair, first.responseId, { closesAt: closingIn(t, 7) });
    for (const m of [s.proposer, ...s.members.slice(0, 2)]) await t.services.ballots.vote(m, ballotId, { choice: "against" });
    await t.services.ballots.close(s.chair, ballotId);
    t.clock.advance(60 * DAY_MS);

    const actionsBefore = await countRows(t, "response_actions");
    const audit = await countRows(t, "audit_log");
    // The first action's date (now in the past) cannot be carried over into the revision as it was.
    const stale = responseInput("accept", { actions: [action("Add a question about pets to the form", dateIn(t, -31))] });
    const error = await t.services.responses.publish(s.commissioner, s.motionId, stale).catch((e) => e);
    expect(error.fieldErrors).toEqual({ "actions.0.dueDate": ["The due date must be today or later."] });
    expect(await countRows(t, "responses")).toBe(1);
    expect(await countRows(t, "response_actions")).toBe(actionsBefore);
    expect(await countRows(t, "audit_log")).toBe(audit);

    const revised = responseInput("accept", { actions: [action("Add a question about pets to the form", dateIn(t, 30))] });
    expect((await t.services.responses.publish(s.commissioner, s.motionId, revised)).version).toBe(2);
  });
});
