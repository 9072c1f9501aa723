// How a response clock reads in a sentence: "12 days left", "due today", "overdue by 3 days".
// The caller passes `now` from its loader, so the server and the browser print the same words.
import type { ResponseStatus } from "../../db/schema";
import { type ClockState, responseClock } from "../../server/domain/response-clock";
import { plural } from "../lib/format";

export function ClockText({ clock }: { clock: ClockState }) {
  if (clock.state === "due") {
    return <>{clock.daysLeft === 0 ? "due today" : `${plural(clock.daysLeft, "day")} left`}</>;
  }
  // Overdue is the one state that must stand out: strong text, never colour alone.
  return <strong>{clock.daysOverdue === 0 ? "overdue by less than a day" : `overdue by ${plural(clock.daysOverdue, "day")}`}</strong>;
}

/** "overdue by 3 days" for an item already known to be late (actions and responses alike). */
export function overdueBy(daysOverdue: number): string {
  return daysOverdue === 0 ? "overdue by less than a day" : `overdue by ${plural(daysOverdue, "day")}`;
}

export interface ClockedMotion {
  status: string;
  response_status: ResponseStatus | null;
  response_due_at: number | null;
  first_response_at: number | null;
  first_response_due_at: number | null;
}

/** Where a motion stands with its body, in words: waiting (with its clock), answered, or closed. */
export function ResponseStanding({ motion, now }: { motion: ClockedMotion; now: number }) {
  const { response_status: status } = motion;
  if (motion.status !== "carried" || status === null) return null;
  if (status === "closed") return <>Record closed.</>;
  const first = firstAnswer(motion);
  if ((status === "awaiting" || status === "revision_requested") && motion.response_due_at !== null) {
    const clock = <ClockText clock={responseClock(motion.response_due_at, now)} />;
    if (status === "awaiting") return <>Waiting for a response: {clock}.</>;
    return (
      <>
        {first ? `${first} ` : null}Members judged it inadequate; waiting for a revised response: {clock}.
      </>
    );
  }
  return first ? <>{first}</> : null;
}

/** "Responded on time." or "Responded late (by 3 days)." for the body's first answer. */
function firstAnswer(motion: ClockedMotion): string | null {
  if (motion.first_response_at === null) return null;
  const due = motion.first_response_due_at;
  if (due === null || motion.first_response_at <= due) return "Responded on time.";
  const late = responseClock(due, motion.first_response_at);
  return `Responded late${late.state === "overdue" && late.daysOverdue > 0 ? ` (by ${plural(late.daysOverdue, "day")})` : ""}.`;
}
