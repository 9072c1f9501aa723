// The motion's life as one table. Every status change in the system goes through
// assertTransition, so no path can skip a step.
import type { MotionStatus, ResponseStatus } from "../../db/schema";
import { InvalidState } from "./errors";

const transitions: Record<MotionStatus, readonly MotionStatus[]> = {
  draft: ["open"],
  open: ["seconded", "withdrawn", "lapsed"],
  // An online ballot goes straight to voting; a sitting puts the motion on its agenda first.
  seconded: ["scheduled", "voting", "withdrawn"],
  scheduled: ["debating", "seconded", "withdrawn"],
  debating: ["voting", "scheduled", "withdrawn"],
  // Without quorum the motion returns to where it was before the ballot.
  voting: ["carried", "defeated", "seconded", "debating"],
  carried: [],
  defeated: [],
  withdrawn: [],
  lapsed: [],
};

export const motionStatuses = Object.keys(transitions) as MotionStatus[];

export function canTransition(from: MotionStatus, to: MotionStatus): boolean {
  return transitions[from].includes(to);
}

export function assertTransition(from: MotionStatus, to: MotionStatus): void {
  if (!canTransition(from, to)) {
    throw new InvalidState(
      `This motion is ${statusLabels[from].toLowerCase()}, so it cannot become ${statusLabels[to].toLowerCase()}.`,
    );
  }
}

/** Before a vote, the proposer may withdraw. */
export function canWithdraw(status: MotionStatus): boolean {
  return canTransition(status, "withdrawn");
}

/** The text may change until someone has seconded it: seconders back the words they read. */
export function canEditText(status: MotionStatus, secondCount: number): boolean {
  return status === "draft" || (status === "open" && secondCount === 0);
}

export function canSecond(status: MotionStatus): boolean {
  return status === "open" || status === "seconded";
}

export function isDecided(status: MotionStatus): boolean {
  return status === "carried" || status === "defeated";
}

/** Public: everything except a draft. */
export function isPublic(status: MotionStatus): boolean {
  return status !== "draft";
}

export const statusLabels: Record<MotionStatus, string> = {
  draft: "Draft",
  open: "Open for seconding",
  seconded: "Seconded",
  scheduled: "Scheduled",
  debating: "In debate",
  voting: "Voting",
  carried: "Carried",
  defeated: "Defeated",
  withdrawn: "Withdrawn",
  lapsed: "Lapsed",
};

export const responseStatusLabels: Record<ResponseStatus, string> = {
  awaiting: "Awaiting response",
  responded: "Responded",
  revision_requested: "Revision requested",
  closed: "Closed",
};
