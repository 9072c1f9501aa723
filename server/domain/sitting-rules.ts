// The rules of a live sitting, pure: the sitting's and agenda items' states, the order of the
// speakers queue, and who counts as present.
import type { AgendaItemStatus, SittingStatus, SpeakerKind, SpeakerStatus } from "../../db/schema";
import { InvalidState } from "./errors";
const SECOND_MS = 1000;

const sittingTransitions: Record<SittingStatus, readonly SittingStatus[]> = {
  scheduled: ["open"],
  open: ["suspended", "closed"],
  suspended: ["open", "closed"],
  closed: [],
};

export const sittingStatusLabels: Record<SittingStatus, string> = {
  scheduled: "Scheduled",
  open: "In session",
  suspended: "Suspended",
  closed: "Closed",
};

export function assertSittingTransition(from: SittingStatus, to: SittingStatus): void {
  if (!sittingTransitions[from].includes(to)) {
    throw new InvalidState(
      `This sitting is ${sittingStatusLabels[from].toLowerCase()}, so it cannot become ${sittingStatusLabels[to].toLowerCase()}.`,
    );
  }
}

const itemTransitions: Record<AgendaItemStatus, readonly AgendaItemStatus[]> = {
  pending: ["debating"],
  debating: ["voting", "adjourned"],
  // A live ballot without quorum returns the item to debate.
  voting: ["decided", "debating"],
  decided: [],
  adjourned: ["debating"],
};

export const itemStatusLabels: Record<AgendaItemStatus, string> = {
  pending: "Waiting",
  debating: "In debate",
  voting: "Voting",
  decided: "Decided",
  adjourned: "Adjourned",
};

export function assertItemTransition(from: AgendaItemStatus, to: AgendaItemStatus): void {
  if (!itemTransitions[from].includes(to)) {
    throw new InvalidState(
      `This agenda item is ${itemStatusLabels[from].toLowerCase()}, so it cannot become ${itemStatusLabels[to].toLowerCase()}.`,
    );
  }
}

/** An item the chair is working on: only one at a time per sitting. */
export function isActiveItem(status: AgendaItemStatus): boolean {
  return status === "debating" || status === "voting";
}

export const speakerKindLabels: Record<SpeakerKind, string> = {
  speech: "To speak",
  question: "A question",
  point_of_order: "Point of order",
};

export interface QueuedRequest {
  id: number;
  kind: SpeakerKind;
  status: SpeakerStatus;
  requested_at: number;
}

/**
 * The order in which the chair calls people: points of order go to the front (in the order they
 * were raised), then everyone else first come, first served.
 */
export function queueOrder<T extends QueuedRequest>(requests: readonly T[]): T[] {
  return requests
    .filter((r) => r.status === "waiting")
    .sort((a, b) => {
      const pa = a.kind === "point_of_order" ? 0 : 1;
      const pb = b.kind === "point_of_order" ? 0 : 1;
      return pa - pb || a.requested_at - b.requested_at || a.id - b.id;
    });
}

/** How long someone stays "present" after their connection drops (a wobbly connection). */
export const SOCKET_GRACE_MS = 30 * SECOND_MS;
/** How long a page view without live updates (no JavaScript) counts as being present. */
export const PAGE_GRACE_MS = 10 * 60 * SECOND_MS;
