// The database as Kysely sees it. Every time is UTC epoch milliseconds; every JSON column is
// text holding canonical JSON, so SQLite and Postgres store exactly the same bytes.
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export type Role = "member" | "commissioner" | "chair" | "admin";

export interface UserTable {
  id: string;
  display_name: string;
  /** lower-cased display name: pseudonyms are unique regardless of case */
  display_name_key: string;
  email: string | null;
  password_hash: string | null;
  role: Role;
  body_id: number | null;
  status: "active" | "suspended" | "deleted";
  created_at: number;
}

export interface SessionTable {
  id: string;
  user_id: string;
  expires_at: number;
}

export interface InvitationTable {
  id: Generated<number>;
  token_hash: string;
  role: Role;
  body_id: number | null;
  label: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
  revoked_at: number | null;
}

export interface BodyTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  response_period_days: number;
  contact: string;
  created_at: number;
}

export type MotionStatus =
  | "draft"
  | "open"
  | "seconded"
  | "scheduled"
  | "debating"
  | "voting"
  | "carried"
  | "defeated"
  | "withdrawn"
  | "lapsed";

export type ResponseStatus = "awaiting" | "responded" | "revision_requested" | "closed";

export interface MotionTable {
  id: Generated<number>;
  /** human number, given on publication: M-2026-014 */
  number: string | null;
  title: string;
  text: string;
  rationale: string;
  summary: string;
  body_id: number;
  proposer_id: string;
  status: MotionStatus;
  response_status: ResponseStatus | null;
  /** text version; each published change is kept in motion_versions */
  version: number;
  seconders_required: number;
  created_at: number;
  updated_at: number;
  published_at: number | null;
  lapses_at: number | null;
  seconded_at: number | null;
  decided_at: number | null;
  withdrawn_at: number | null;
  withdrawal_reason: string | null;
  response_due_at: number | null;
  /** the accountability record ends: every action delivered, or closed by the chair */
  closed_at: number | null;
  closed_reason: string | null;
}

export interface MotionVersionTable {
  id: Generated<number>;
  motion_id: number;
  version: number;
  title: string;
  text: string;
  rationale: string;
  summary: string;
  created_at: number;
}

export interface MotionTopicTable {
  motion_id: number;
  topic: string;
}

export interface MotionCounterTable {
  year: number;
  last: number;
}

export interface SecondTable {
  motion_id: number;
  member_id: string;
  created_at: number;
}

export type Stance = "for" | "against" | "neutral" | "question";

export interface PostTable {
  id: Generated<number>;
  motion_id: number;
  parent_id: number | null;
  depth: number;
  author_id: string;
  stance: Stance;
  body: string;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
  hidden_at: number | null;
  hidden_by: string | null;
  hidden_reason: string | null;
}

export interface PostRevisionTable {
  id: Generated<number>;
  post_id: number;
  stance: Stance;
  body: string;
  /** when this text was replaced */
  replaced_at: number;
}

export interface PostReportTable {
  id: Generated<number>;
  post_id: number;
  reporter_id: string;
  reason: string;
  created_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
}

export type BallotKind = "recorded" | "secret";
export type MajorityRule = "simple" | "two_thirds";
export type Choice = "for" | "against" | "abstain";
export type BallotOutcome = "carried" | "defeated" | "no_quorum";

export interface BallotTable {
  id: Generated<number>;
  motion_id: number;
  /** what the ballot decides: the motion itself, or members' verdict on a response */
  purpose: "motion" | "verdict";
  question: string;
  kind: BallotKind;
  rule: MajorityRule;
  /** online ballots close at closes_at; live ones are closed by the chair in a sitting */
  mode: "online" | "live";
  status: "open" | "closed";
  opened_at: number;
  opened_by: string;
  closes_at: number | null;
  closed_at: number | null;
  /** null when the ballot closed itself at its time */
  closed_by: string | null;
  /** the motion's state before the ballot, restored when quorum is not met */
  return_status: MotionStatus;
  eligible_count: number;
  quorum: number;
  count_for: Generated<number>;
  count_against: Generated<number>;
  count_abstain: Generated<number>;
  outcome: BallotOutcome | null;
  /** live ballots: the sitting and agenda item they were taken in */
  sitting_id: number | null;
  agenda_item_id: number | null;
  /** verdict ballots: the response being judged */
  response_id: number | null;
}

/** Recorded ballots: each member's choice is public and may change until close. */
export interface RecordedVoteTable {
  ballot_id: number;
  member_id: string;
  choice: Choice;
  cast_at: number;
  changed_at: number | null;
}

/** Secret ballots: who voted, and nothing else. Choices live only in the ballot's counts. */
export interface SecretVoterTable {
  ballot_id: number;
  member_id: string;
}

export type ResponsePosition = "accept" | "accept_in_part" | "decline";

export interface ResponseTable {
  id: Generated<number>;
  motion_id: number;
  body_id: number;
  version: number;
  position: ResponsePosition;
  reasons: string;
  summary: string;
  published_at: number;
  published_by: string;
  /** the deadline this response answered against, kept so "on time" never changes later */
  due_at: number | null;
}

export interface HoldingReplyTable {
  id: Generated<number>;
  motion_id: number;
  body_id: number;
  reason: string;
  expected_at: number;
  published_at: number;
  published_by: string;
}

export type ActionStatus = "planned" | "in_progress" | "done" | "dropped";

export interface ResponseActionTable {
  id: Generated<number>;
  motion_id: number;
  /** the response version that promised it */
  response_id: number;
  position: number;
  description: string;
  /** a team or role, never a person's name */
  owner: string;
  due_at: number;
  status: ActionStatus;
  progress: Generated<number>;
  drop_reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface ActionUpdateTable {
  id: Generated<number>;
  action_id: number;
  author_id: string;
  at: number;
  note: string;
  status: ActionStatus;
  progress: number;
}

export interface VerdictRequestTable {
  response_id: number;
  member_id: string;
  created_at: number;
}

export interface FollowTable {
  motion_id: number;
  user_id: string;
  created_at: number;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: string;
  motion_id: number | null;
  kind: string;
  message: string;
  created_at: number;
  read_at: number | null;
}

export interface ResponseReminderTable {
  motion_id: number;
  kind: "due_soon" | "overdue";
  due_at: number;
}

export type SittingStatus = "scheduled" | "open" | "suspended" | "closed";

export interface SittingTable {
  id: Generated<number>;
  title: string;
  starts_at: number;
  place: string;
  online_link: string;
  status: SittingStatus;
  /** optional speaking time shown to everyone; it never cuts anyone off */
  speaking_seconds: number | null;
  created_by: string;
  created_at: number;
  opened_at: number | null;
  closed_at: number | null;
  /** most signed-out watchers seen at once, for the minutes */
  gallery_peak: Generated<number>;
}

export type AgendaItemStatus = "pending" | "debating" | "voting" | "decided" | "adjourned";

export interface AgendaItemTable {
  id: Generated<number>;
  sitting_id: number;
  motion_id: number;
  position: number;
  status: AgendaItemStatus;
  started_at: number | null;
  ended_at: number | null;
}

export type SpeakerKind = "speech" | "question" | "point_of_order";
export type SpeakerStatus = "waiting" | "speaking" | "spoken" | "withdrawn" | "removed";

export interface SpeakerRequestTable {
  id: Generated<number>;
  item_id: number;
  member_id: string;
  kind: SpeakerKind;
  status: SpeakerStatus;
  requested_at: number;
  called_at: number | null;
  ended_at: number | null;
}

export interface SittingPresenceTable {
  sitting_id: number;
  member_id: string;
  first_seen_at: number;
  last_seen_at: number;
  last_via: "page" | "socket";
  connections: Generated<number>;
}

export interface AuditLogTable {
  seq: number;
  at: number;
  actor_id: string | null;
  type: string;
  subject_type: string;
  subject_id: string;
  /** the motion an entry belongs to, so a motion's timeline is one indexed query */
  motion_id: number | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface Database {
  users: UserTable;
  sessions: SessionTable;
  invitations: InvitationTable;
  bodies: BodyTable;
  motions: MotionTable;
  motion_versions: MotionVersionTable;
  motion_topics: MotionTopicTable;
  motion_counters: MotionCounterTable;
  seconds: SecondTable;
  posts: PostTable;
  post_revisions: PostRevisionTable;
  post_reports: PostReportTable;
  ballots: BallotTable;
  recorded_votes: RecordedVoteTable;
  secret_voters: SecretVoterTable;
  responses: ResponseTable;
  audit_log: AuditLogTable;
  sittings: SittingTable;
  agenda_items: AgendaItemTable;
  speaker_requests: SpeakerRequestTable;
  sitting_presence: SittingPresenceTable;
  holding_replies: HoldingReplyTable;
  response_actions: ResponseActionTable;
  action_updates: ActionUpdateTable;
  verdict_requests: VerdictRequestTable;
  follows: FollowTable;
  notifications: NotificationTable;
  response_reminders: ResponseReminderTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type Body = Selectable<BodyTable>;
export type Motion = Selectable<MotionTable>;
export type MotionUpdate = Updateable<MotionTable>;
export type Post = Selectable<PostTable>;
export type Ballot = Selectable<BallotTable>;
export type CommissionerResponse = Selectable<ResponseTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type Invitation = Selectable<InvitationTable>;
export type Sitting = Selectable<SittingTable>;
export type ResponseAction = Selectable<ResponseActionTable>;
export type HoldingReply = Selectable<HoldingReplyTable>;
export type AgendaItem = Selectable<AgendaItemTable>;
export type SpeakerRequest = Selectable<SpeakerRequestTable>;
