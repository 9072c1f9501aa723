import { expect, it } from "vitest";
import { isActionOverdue } from "../../server/domain/accountability";
import { InvalidInput, InvalidState, NotAllowed, NotFound } from "../../server/domain/errors";
import { DAY_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createBody, createCommissioner, responseInput } from "../support/factories";
import { type TestParliament, carriedMotion, dateIn, useParliament } from "../support/parliament";

type Table = "action_updates" | "response_actions" | "responses" | "holding_replies" | "notifications" | "audit_log";
const countRows = async (t: TestParliament, table: Table) =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const motionRow = (t: TestParliament, id: number) => t.db.selectFrom("motions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const actionRow = (t: TestParliament, id: number) => t.db.selectFrom("response_actions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

/** A carried motion answered with two actions: the form in 30 days, training in 90. */
async function answeredMotion(t: TestParliament) {
  const scene = await carriedMotion(t);
  const commissioner = await createCommissioner(t.db, scene.bodyId);
  await t.services.responses.publish(commissioner, scene.motionId, responseInput("accept", {
    actions: [
      { description: "Add a question about pets to the assessment form", owner: "Assessment team", dueDate: dateIn(t, 30) },
      { description: "Cover pets in assessor training", owner: "Workforce development", dueDate: dateIn(t, 90) },
    ],
  }));
  const [form, training] = await t.db.selectFrom("response_actions").selectAll().where("motion_id", "=", scene.motionId).orderBy("position").execute();
  return { ...scene, commissioner, form, training };
}

const progress = (actionId: number, status: string, percent: number, note: string, dropReason?: string) => ({ actionId, status, progress: percent, note, dropReason });

describeEachDatabase("progress on promised actions", (dialect) => {
  const t = useParliament(dialect);

  it("commissioners report dated progress; every update is kept, and done means 100%", async () => {
    const scene = await answeredMotion(t);
    t.clock.advance(5 * DAY_MS);
    const firstAt = t.clock.now();
    expect(await t.services.actions.update(scene.commissioner, progress(scene.form.id, "in_progress", 40, "Draft wording agreed with members."))).toEqual({ closed: false });
    t.clock.advance(10 * DAY_MS);
    await t.services.actions.update(scene.commissioner, progress(scene.form.id, "done", 60, "The new form is live in every team."));

    expect(await actionRow(t, scene.form.id)).toMatchObject({ status: "done", progress: 100, updated_at: t.clock.now(), drop_reason: null });
    const updates = await t.db.selectFrom("action_updates").selectAll().where("action_id", "=", scene.form.id).orderBy("id").execute();
    expect(updates).toEqual([
      expect.objectContaining({ author_id: scene.commissioner.id, at: firstAt, status: "in_progress", progress: 40, note: "Draft wording agreed with members." }),
      expect.objectContaining({ author_id: scene.commissioner.id, at: t.clock.now(), status: "done", progress: 100, note: "The new form is live in every team." }),
    ]);
    const entries = await t.db.selectFrom("audit_log").select(["actor_id", "subject_type", "subject_id", "payload"]).where("type", "=", "action.updated").orderBy("seq").execute();
    expect(entries.map((e) => ({ ...e, payload: JSON.parse(e.payload) }))).toEqual([
      {
        actor_id: scene.commissioner.id,
        subject_type: "action",
        subject_id: String(scene.form.id),
        payload: { number: scene.number, action_id: scene.form.id, from: "planned", to: "in_progress", progress: 40, note: "Draft wording agreed with members." },
      },
      expect.objectContaining({ payload: expect.objectContaining({ from: "in_progress", to: "done", progress: 100 }) }),
    ]);
    // The other action is untouched, so the record stays open.
    expect((await motionRow(t, scene.motionId)).response_status).toBe("responded");
  });

  it("an update must make sense: in progress is below 100%, and dropping says why", async () => {
    const scene = await answeredMotion(t);
    const before = await countRows(t, "audit_log");
    const full = await t.services.actions.update(scene.commissioner, progress(scene.form.id, "in_progress", 100, "Nearly there now.")).catch((e) => e);
    expect(full).toBeInstanceOf(InvalidInput);
    expect(full.fieldErrors).toEqual({ progress: ["An action at 100% is done: choose Done, or a lower percentage."] });
    const dropped = await t.services.actions.update(scene.commissioner, progress(scene.form.id, "dropped", 0, "We stopped this.")).catch((e) => e);
    expect(dropped.fieldErrors).toEqual({ dropReason: ["Say why the action was dropped."] });
    expect(await countRows(t, "action_updates")).toBe(0);
    expect(await countRows(t, "audit_log")).toBe(before);
    expect(await actionRow(t, scene.form.id)).toMatchObject({ status: "planned", progress: 0 });

    await t.services.actions.update(scene.commissioner, progress(scene.form.id, "dropped", 10, "We stopped this.", "The national form replaced ours."));
    expect(await actionRow(t, scene.form.id)).toMatchObject({ status: "dropped", progress: 10, drop_reason: "The national form replaced ours." });
  });

  it("a done or dropped action is complete and takes no more updates", async () => {
    const scene = await answeredMotion(t);
    await t.services.actions.update(scene.commissioner, progress(scene.form.id, "done", 100, "The form is live."));
    await expect(t.services.actions.update(scene.commissioner, progress(scene.form.id, "in_progress", 50, "Reopening this."))).rejects.toThrow(
      new InvalidState("This action is done; its record is complete."),
    );
    await t.services.actions.update(scene.commissioner, progress(scene.training.id, "dropped", 0, "Stopped.", "The training budget was cut."));
    await expect(t.services.actions.update(scene.commissioner, progress(scene.training.id, "planned", 0, "Trying again."))).rejects.toThrow(InvalidState);
    expect(await countRows(t, "action_updates")).toBe(2);
  });

  it("an action is overdue when its day has passed and it is still open", async () => {
    const scene = await answeredMotion(t);
    const form = await actionRow(t, scene.form.id);
    t.clock.set(form.due_at);
    expect(isActionOverdue(form, t.clock.now())).toBe(false);
    t.clock.advance(1);
    expect(isActionOverdue(form, t.clock.now())).toBe(true);
    let { bodies } = await t.services.read.accountability();
    expect(bodies.find((b) => b.id === scene.bodyId)?.actions).toEqual({ done: 0, inProgress: 1, overdue: 1, dropped: 0 });
    await t.services.actions.update(scene.commissioner, progress(scene.form.id, "done", 100, "Delivered, a little late."));
    ({ bodies } = await t.services.read.accountability());
    expect(bodies.find((b) => b.id === scene.bodyId)?.actions).toEqual({ done: 1, inProgress: 1, overdue: 0, dropped: 0 });
  });

  it("when every action is done or dropped the record closes by itself, on the record", async () => {
    const scene = await answeredMotion(t);
    await t.services.notifications.follow(scene.commissioner, scene.motionId);
    await t.services.actions.update(scene.commissioner, progress(scene.form.id, "done", 100, "The form is live."));
    t.clock.advance(DAY_MS);
    const result = await t.services.actions.update(scene.commissioner, progress(scene.training.id, "dropped", 0, "Stopped.", "Training moved to the NHS."));
    expect(result).toEqual({ closed: true });
    expect(await motionRow(t, scene.motionId)).toMatchObject({
      status: "carried",
      response_status: "closed",
      closed_at: t.clock.now(),
      closed_reason: "every promised action is done or dropped",
    });
    const entry = await t.db.selectFrom("audit_log").selectAll().where("type", "=", "response.record_closed").executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: null, subject_type: "motion", motion_id: scene.motionId });
    expect(JSON.parse(entry.payload)).toEqual({ number: scene.number, reason: "every promised action is done or dropped" });
    const notices = await t.db.selectFrom("notifications").select(["user_id", "kind"]).where("kind", "=", "closed").execute();
    // The proposer hears; the commissioner whose update closed it does not.
    expect(notices).toEqual([{ user_id: scene.proposer.id, kind: "closed" }]);
  });

  it("only commissioners of the addressed body report progress, and a refusal writes nothing", async () => {
    const scene = await answeredMotion(t);
    const other = await createBody(t.db);
    const update = progress(scene.form.id, "in_progress", 20, "Started work on the form.");
    const before = { updates: await countRows(t, "action_updates"), audit: await countRows(t, "audit_log"), notices: await countRows(t, "notifications") };
    for (const viewer of [scene.members[0], scene.chair, await createAdmin(t.db), await createCommissioner(t.db, other.id), null]) {
      await expect(t.services.actions.update(viewer, update)).rejects.toThrow(NotAllowed);
    }
    await expect(t.services.actions.update(scene.commissioner, { ...update, actionId: 99_999 })).rejects.toThrow(NotFound);
    expect({ updates: await countRows(t, "action_updates"), audit: await countRows(t, "audit_log"), notices: await countRows(t, "notifications") }).toEqual(before);
    expect(await actionRow(t, scene.form.id)).toMatchObject({ status: "planned", progress: 0 });
  });
});

describeEachDatabase("the chair closes a record", (dialect) => {
  const t = useParliament(dialect);
  const closing = { reason: "The council has restructured; members agreed this record is complete." };

  it("with a reason everyone can read; afterwards nothing more is added to it", async () => {
    const scene = await answeredMotion(t);
    await t.services.responses.close(scene.chair, scene.motionId, closing);
    expect(await motionRow(t, scene.motionId)).toMatchObject({ response_status: "closed", closed_at: t.clock.now(), closed_reason: closing.reason });
    const entry = await t.db.selectFrom("audit_log").select(["actor_id", "payload"]).where("type", "=", "response.record_closed").executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(scene.chair.id);
    expect(JSON.parse(entry.payload)).toEqual({ number: scene.number, reason: closing.reason });

    const before = { updates: await countRows(t, "action_updates"), responses: await countRows(t, "responses"), audit: await countRows(t, "audit_log") };
    await expect(t.services.actions.update(scene.commissioner, progress(scene.form.id, "in_progress", 20, "Started the work."))).rejects.toThrow(
      new InvalidState("This motion's record is closed."),
    );
    await expect(t.services.responses.publish(scene.commissioner, scene.motionId, responseInput("accept"))).rejects.toThrow(
      new InvalidState("This motion's record is closed."),
    );
    await expect(
      t.services.responses.holdingReply(scene.commissioner, scene.motionId, { reason: "We are still working on a reply for members.", expectedDate: dateIn(t, 5) }),
    ).rejects.toThrow(InvalidState);
    await expect(t.services.responses.close(scene.chair, scene.motionId, closing)).rejects.toThrow("This motion's record is already closed.");
    expect({ updates: await countRows(t, "action_updates"), responses: await countRows(t, "responses"), audit: await countRows(t, "audit_log") }).toEqual(before);
  });

  it("the chair may close a record still waiting for its response", async () => {
    const scene = await carriedMotion(t);
    await t.services.responses.close(scene.chair, scene.motionId, closing);
    expect((await motionRow(t, scene.motionId)).response_status).toBe("closed");
    // A closed record owes nothing: no reminders, nothing overdue.
    t.clock.advance(90 * DAY_MS);
    expect(await t.services.reminders.sendDue()).toBe(0);
    expect((await t.services.read.accountability()).overdue).toEqual([]);
  });

  it("undelivered actions on a record the chair closed are not reported as overdue", async () => {
    const scene = await answeredMotion(t);
    await t.services.responses.close(scene.chair, scene.motionId, closing);
    t.clock.advance(200 * DAY_MS);
    const { bodies, overdue } = await t.services.read.accountability();
    expect(overdue).toEqual([]);
    expect(bodies.find((b) => b.id === scene.bodyId)?.actions).toEqual({ done: 0, inProgress: 0, overdue: 0, dropped: 0 });
  });

  it("only the chair, and only a carried motion's record", async () => {
    const scene = await answeredMotion(t);
    const audit = await countRows(t, "audit_log");
    for (const viewer of [scene.proposer, scene.commissioner, await createAdmin(t.db), null]) {
      await expect(t.services.responses.close(viewer, scene.motionId, closing)).rejects.toThrow(NotAllowed);
    }
    const short = await t.services.responses.close(scene.chair, scene.motionId, { reason: "Done." }).catch((e) => e);
    expect(short.fieldErrors).toEqual({ reason: ["A reason for closing needs at least 10 characters."] });
    expect(await countRows(t, "audit_log")).toBe(audit);
    expect((await motionRow(t, scene.motionId)).response_status).toBe("responded");

    const open = await t.services.motions.raise(scene.proposer, { title: "Another motion for the record", text: "This parliament calls on the commissioners to act.", rationale: "Because members asked for it.", bodyId: scene.bodyId }, { publish: true });
    await expect(t.services.responses.close(scene.chair, open.id, closing)).rejects.toThrow(
      "Only a carried motion has a record of responses and actions to close.",
    );
  });
});
