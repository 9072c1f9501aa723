// The shape of a public motion in the open-data record, as the exports read it: only what is
// public, with people as pseudonyms. The CSV and the Popolo JSON are both written from it.
import type { ActionStatus, BallotKind, BallotOutcome, Choice, MajorityRule, MotionStatus, ResponsePosition, ResponseStatus } from "../../db/schema";
import { personName } from "../queries/names";

/** How a person appears in open data: a pseudonym, or "Former member" once the account is deleted. */
export interface PersonRef {
  /** the user's id, or FORMER_MEMBER_ID for every deleted account (so their contributions cannot be linked) */
  id: string;
  name: string;
}

export const FORMER_MEMBER_ID = "former-member";

export interface RecordBallot {
  id: number;
  purpose: "motion" | "verdict";
  /** the response a verdict ballot judges */
  responseId: number | null;
  question: string;
  kind: BallotKind;
  rule: MajorityRule;
  mode: "online" | "live";
  status: "open" | "closed";
  openedAt: number;
  closesAt: number | null;
  closedAt: number | null;
  eligible: number;
  quorum: number;
  turnout: number;
  /** null while a secret ballot is open: only turnout is public until it closes */
  counts: { for: number; against: number; abstain: number } | null;
  outcome: BallotOutcome | null;
  /** who voted how: closed recorded ballots only; always null for secret ballots */
  votes: { voter: PersonRef; choice: Choice }[] | null;
  sittingId: number | null;
}

export interface RecordResponse {
  id: number;
  version: number;
  position: ResponsePosition;
  summary: string;
  reasons: string;
  publishedAt: number;
  dueAt: number | null;
}

export interface RecordAction {
  id: number;
  responseId: number;
  position: number;
  description: string;
  owner: string;
  dueAt: number;
  status: ActionStatus;
  progress: number;
  dropReason: string | null;
  updates: { id: number; at: number; note: string; status: ActionStatus; progress: number }[];
}

export interface RecordMotion {
  /** internal id: the export's order and keyset, never shown */
  id: number;
  number: string;
  title: string;
  text: string;
  rationale: string;
  summary: string;
  status: MotionStatus;
  version: number;
  topics: string[];
  body: { id: number; slug: string; name: string };
  proposer: PersonRef;
  seconders: (PersonRef & { at: number })[];
  publishedAt: number | null;
  secondedAt: number | null;
  decidedAt: number | null;
  withdrawnAt: number | null;
  withdrawalReason: string | null;
  responseStatus: ResponseStatus | null;
  responseDueAt: number | null;
  closedAt: number | null;
  closedReason: string | null;
  ballots: RecordBallot[];
  responses: RecordResponse[];
  holdingReplies: { id: number; reason: string; expectedAt: number; publishedAt: number }[];
  actions: RecordAction[];
}

export function personRef(id: string, displayName: string, status: string | null): PersonRef {
  return status === "deleted" ? { id: FORMER_MEMBER_ID, name: personName(displayName, status) } : { id, name: displayName };
}

export interface RecordBody {
  id: number;
  slug: string;
  name: string;
  description: string;
  contact: string;
  responsePeriodDays: number;
}
