// Figures derived from a motion's record for the exports: the ballot that decided it, how the
// response kept time, and where the promised actions stand. Computed here, never stored, with
// the same rules as the pages (server/domain).
import { isActionOverdue } from "../domain/accountability";
import { isOverdue } from "../domain/response-clock";
import type { RecordBallot, RecordMotion, RecordResponse } from "./record-motion";

export interface MotionFacts {
  /** the latest ballot on the motion itself (not a verdict on a response): the deciding one once decided */
  ballot: RecordBallot | null;
  firstResponse: RecordResponse | null;
  latestResponse: RecordResponse | null;
  /** the first response came by its due date; null until there is one */
  onTime: boolean | null;
  /** still waiting for an answer after the due date */
  responseOverdue: boolean;
  actions: { total: number; done: number; dropped: number; overdue: number };
}

export function motionFacts(m: RecordMotion, now: number): MotionFacts {
  const motionBallots = m.ballots.filter((b) => b.purpose === "motion");
  const first = m.responses.find((r) => r.version === 1) ?? m.responses[0] ?? null;
  const latest = m.responses.length ? m.responses[m.responses.length - 1] : null;
  const waiting = m.responseStatus === "awaiting" || m.responseStatus === "revision_requested";
  return {
    ballot: motionBallots.length ? motionBallots[motionBallots.length - 1] : null,
    firstResponse: first,
    latestResponse: latest,
    onTime: first ? first.dueAt === null || first.publishedAt <= first.dueAt : null,
    responseOverdue: waiting && isOverdue(m.responseDueAt, now),
    actions: {
      total: m.actions.length,
      done: m.actions.filter((a) => a.status === "done").length,
      dropped: m.actions.filter((a) => a.status === "dropped").length,
      overdue: m.actions.filter((a) => isActionOverdue({ status: a.status, due_at: a.dueAt }, now)).length,
    },
  };
}

/** ISO 8601 in UTC with milliseconds, as JavaScript and most tools read it: 2026-03-01T18:00:00.000Z */
export function isoTime(epoch: number | null): string | null {
  return epoch === null ? null : new Date(epoch).toISOString();
}

export function motionPath(number: string): string {
  return `/motions/${encodeURIComponent(number)}`;
}
