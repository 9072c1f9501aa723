// Commissioners hear when a response falls due within a week, and again when it is overdue.
// Each reminder goes once per motion and due date (a revision starts a new clock).
import { DUE_SOON_DAYS, awaitingAnswer } from "../domain/accountability";
import { DAY_MS } from "../domain/time";
import type { ServiceDeps } from "./deps";
import { notifyCommissioners } from "./notifications";
import { settleEach, write } from "./write";

export function createReminderService(deps: ServiceDeps) {
  return {
    /** Run by the scheduler; returns how many reminders went out. */
    async sendDue(): Promise<number> {
      const now = deps.clock.now();
      const due = await deps.db
        .selectFrom("motions")
        .select(["id", "number", "title", "body_id", "response_due_at"])
        .where("response_status", "in", awaitingAnswer)
        .where("response_due_at", "is not", null)
        .where("response_due_at", "<=", now + DUE_SOON_DAYS * DAY_MS)
        .execute();
      let sent = 0;
      await settleEach(due, "reminder(s)", (motion) =>
        write(deps, async (scope) => {
          const dueAt = motion.response_due_at!;
          const kind = scope.now > dueAt ? "overdue" : "due_soon";
          const inserted = await scope.trx
            .insertInto("response_reminders")
            .values({ motion_id: motion.id, kind, due_at: dueAt })
            .onConflict((oc) => oc.doNothing())
            .returning("motion_id")
            .execute();
          if (!inserted.length) return;
          const name = `${motion.number}: ${motion.title}`;
          await notifyCommissioners(
            scope,
            motion.body_id,
            motion.id,
            kind === "overdue" ? "response_overdue" : "response_due_soon",
            kind === "overdue"
              ? `Your response to ${name} is overdue. Publish it, or post a holding reply saying why and when.`
              : `Your response to ${name} is due within ${DUE_SOON_DAYS} days.`,
          );
          sent += 1;
        }),
      );
      return sent;
    },
  };
}
