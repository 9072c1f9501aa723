// /record.json and /motions/<number>.json: the record in the Popolo vocabulary (organizations,
// persons, motions with their vote events, counts and votes). What Popolo has no word for
// (responses, actions, the response clock) sits in each object's `extras`, as Open Civic Data
// does. Every field is defined in docs/open-data.md; keep the two in step.
import type { Choice } from "../../db/schema";
import { isActionOverdue } from "../domain/accountability";
import type { PersonRef, RecordBallot, RecordBody, RecordMotion } from "./record-motion";
import { isoTime, motionFacts, motionPath } from "./motion-facts";

export const PARLIAMENT_ID = "parliament";

export const bodyId = (slug: string) => `body/${slug}`;
export const personId = (ref: PersonRef) => `person/${ref.id}`;
export const voteEventId = (ballotId: number) => `ballot/${ballotId}`;

const option: Record<Choice, "yes" | "no" | "abstain"> = { for: "yes", against: "no", abstain: "abstain" };
const requirement = { simple: "majority", two_thirds: "two-thirds" } as const;

function result(outcome: RecordBallot["outcome"]): "pass" | "fail" | "no-quorum" | null {
  if (outcome === "carried") return "pass";
  if (outcome === "defeated") return "fail";
  return outcome === "no_quorum" ? "no-quorum" : null;
}

export interface ExportMeta {
  parliamentName: string;
  /** scheme, host and port the links are built on, without a trailing slash */
  origin: string;
  now: number;
}

export function popoloMeta({ parliamentName, now }: ExportMeta) {
  return {
    generated_at: isoTime(now),
    publisher: parliamentName,
    vocabulary: "https://www.popoloproject.com/specs/",
    licence: null,
  };
}

export function popoloOrganizations(bodies: RecordBody[], { parliamentName, origin }: ExportMeta) {
  return [
    { id: PARLIAMENT_ID, name: parliamentName, classification: "parliament", extras: { url: `${origin}/` } },
    ...bodies.map((b) => ({
      id: bodyId(b.slug),
      name: b.name,
      classification: "commissioning body",
      description: b.description,
      extras: {
        slug: b.slug,
        response_period_days: b.responsePeriodDays,
        contact: b.contact,
        motions_url: `${origin}/motions?body=${encodeURIComponent(b.slug)}`,
        feed_url: `${origin}/bodies/${encodeURIComponent(b.slug)}/feed.atom`,
      },
    })),
  ];
}

function voteEvent(m: RecordMotion, b: RecordBallot) {
  const judged = b.responseId === null ? null : (m.responses.find((r) => r.id === b.responseId)?.version ?? null);
  return {
    id: voteEventId(b.id),
    motion_id: m.number,
    organization_id: PARLIAMENT_ID,
    start_date: isoTime(b.openedAt),
    end_date: isoTime(b.closedAt),
    result: result(b.outcome),
    // Empty while a secret ballot is open: until it closes only the turnout is public.
    counts: b.counts
      ? [
          { option: "yes", value: b.counts.for },
          { option: "no", value: b.counts.against },
          { option: "abstain", value: b.counts.abstain },
        ]
      : [],
    // Present for closed recorded ballots only. A secret ballot has no votes list, ever.
    ...(b.votes ? { votes: b.votes.map((v) => ({ voter_id: personId(v.voter), option: option[v.choice] })) } : {}),
    extras: {
      purpose: b.purpose,
      response_version: judged,
      question: b.question,
      kind: b.kind,
      rule: b.rule,
      mode: b.mode,
      status: b.status,
      closes_at: isoTime(b.closesAt),
      eligible: b.eligible,
      quorum: b.quorum,
      turnout: b.turnout,
      outcome: b.outcome,
      sitting_id: b.sittingId,
    },
  };
}

export function popoloMotion(m: RecordMotion, { origin, now }: ExportMeta) {
  const facts = motionFacts(m, now);
  const decided = m.status === "carried" || m.status === "defeated";
  const versionOf = new Map(m.responses.map((r) => [r.id, r.version]));
  const url = `${origin}${motionPath(m.number)}`;
  return {
    id: m.number,
    identifier: m.number,
    organization_id: PARLIAMENT_ID,
    creator_id: personId(m.proposer),
    text: m.text,
    date: isoTime(m.publishedAt),
    classification: "motion",
    requirement: facts.ballot ? requirement[facts.ballot.rule] : null,
    result: decided ? (m.status === "carried" ? "pass" : "fail") : null,
    vote_events: m.ballots.map((b) => voteEvent(m, b)),
    sources: [{ url, note: "The motion's page, with its discussion and full timeline" }],
    extras: {
      number: m.number,
      title: m.title,
      summary: m.summary,
      rationale: m.rationale,
      status: m.status,
      text_version: m.version,
      topics: m.topics,
      addressed_to_id: bodyId(m.body.slug),
      url,
      published_at: isoTime(m.publishedAt),
      seconded_at: isoTime(m.secondedAt),
      decided_at: isoTime(m.decidedAt),
      withdrawn_at: isoTime(m.withdrawnAt),
      withdrawal_reason: m.withdrawalReason,
      seconders: m.seconders.map((s) => ({ person_id: personId(s), at: isoTime(s.at) })),
      response_clock: {
        status: m.responseStatus,
        due_at: isoTime(m.responseDueAt),
        overdue: m.responseStatus === null ? null : facts.responseOverdue,
        first_response_at: isoTime(facts.firstResponse?.publishedAt ?? null),
        on_time: facts.onTime,
        closed_at: isoTime(m.closedAt),
        closed_reason: m.closedReason,
      },
      responses: m.responses.map((r) => ({
        version: r.version,
        position: r.position,
        summary: r.summary,
        reasons: r.reasons,
        published_at: isoTime(r.publishedAt),
        due_at: isoTime(r.dueAt),
        on_time: r.dueAt === null || r.publishedAt <= r.dueAt,
        url: `${url}#response-${r.version}`,
      })),
      holding_replies: m.holdingReplies.map((h) => ({
        reason: h.reason,
        expected_at: isoTime(h.expectedAt),
        published_at: isoTime(h.publishedAt),
      })),
      actions: m.actions.map((a) => ({
        id: `action/${a.id}`,
        response_version: versionOf.get(a.responseId) ?? null,
        description: a.description,
        owner: a.owner,
        due_at: isoTime(a.dueAt),
        status: a.status,
        progress: a.progress,
        overdue: isActionOverdue({ status: a.status, due_at: a.dueAt }, now),
        drop_reason: a.dropReason,
        updates: a.updates.map((u) => ({ at: isoTime(u.at), note: u.note, status: u.status, progress: u.progress })),
      })),
      actions_summary: facts.actions,
    },
  };
}

/** The people a set of motions names, collected while they stream past (bounded by membership, not by motions). */
export class PersonCollector {
  private names = new Map<string, string>();

  addMotion(m: RecordMotion) {
    this.add(m.proposer);
    for (const s of m.seconders) this.add(s);
    for (const b of m.ballots) for (const v of b.votes ?? []) this.add(v.voter);
  }

  private add(ref: PersonRef) {
    this.names.set(personId(ref), ref.name);
  }

  list() {
    return [...this.names]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, name]) => ({ id, name }));
  }
}
