// How a ballot looks to one viewer: counts (only turnout while a secret ballot is open), the
// roll of a closed recorded ballot, and the viewer's own part. Shared by the motion page and
// the sitting page so the secrecy rule lives in one place.
import type { Ballot, Choice } from "../../db/schema";
import { turnout } from "../domain/ballot-outcome";
import type { Viewer } from "../domain/permissions";
import type { Db } from "../services/deps";
import { personName } from "./names";

export interface BallotView {
  id: number;
  question: string;
  kind: Ballot["kind"];
  rule: Ballot["rule"];
  mode: Ballot["mode"];
  status: Ballot["status"];
  openedAt: number;
  closesAt: number | null;
  closedAt: number | null;
  closedByChair: boolean;
  eligible: number;
  quorum: number;
  turnout: number;
  /** null while a secret ballot is open: only turnout shows until close */
  counts: { for: number; against: number; abstain: number } | null;
  outcome: Ballot["outcome"];
  /** recorded ballots, once closed: who voted how */
  roll: { name: string; choice: Choice }[];
  /** the viewer's own part: their choice (recorded) or only that they voted (secret) */
  mine: { voted: boolean; choice: Choice | null };
  sittingId: number | null;
  agendaItemId: number | null;
}

/** The public tally of a ballot: what anyone may see right now. */
export function publicTally(b: Pick<Ballot, "kind" | "status" | "count_for" | "count_against" | "count_abstain">) {
  const counts = { for: b.count_for, against: b.count_against, abstain: b.count_abstain };
  return { turnout: turnout(counts), counts: b.kind === "secret" && b.status === "open" ? null : counts };
}

/** What anyone may know of a ballot, on a page or in the open data: its terms and public tally. */
export function publicBallot(b: Ballot) {
  return {
    question: b.question,
    kind: b.kind,
    rule: b.rule,
    mode: b.mode,
    status: b.status,
    openedAt: b.opened_at,
    closesAt: b.closes_at,
    closedAt: b.closed_at,
    eligible: b.eligible_count,
    quorum: b.quorum,
    ...publicTally(b),
    outcome: b.outcome,
  };
}

/**
 * The ballots as one viewer sees them, without the rolls: what the live sitting page needs. A
 * sitting's state goes to every member in the room each time it changes, so it must not carry
 * (or read) the name of everyone who voted; the motion page and the minutes show the roll.
 */
export async function loadBallotViewsWithoutRoll(db: Db, ballots: Ballot[], viewer: Viewer): Promise<Omit<BallotView, "roll">[]> {
  if (!ballots.length) return [];
  const ids = ballots.map((b) => b.id);
  const [recordedByViewer, secretByViewer] = viewer
    ? await Promise.all([
        db.selectFrom("recorded_votes").select(["ballot_id", "choice"]).where("ballot_id", "in", ids).where("member_id", "=", viewer.id).execute(),
        db.selectFrom("secret_voters").select("ballot_id").where("ballot_id", "in", ids).where("member_id", "=", viewer.id).execute(),
      ])
    : [[], []];
  return ballots.map((b) => {
    const mineRecorded = recordedByViewer.find((v) => v.ballot_id === b.id);
    return {
      id: b.id,
      ...publicBallot(b),
      closedByChair: b.closed_by !== null,
      mine:
        b.kind === "secret"
          ? { voted: secretByViewer.some((v) => v.ballot_id === b.id), choice: null }
          : { voted: Boolean(mineRecorded), choice: mineRecorded?.choice ?? null },
      sittingId: b.sitting_id,
      agendaItemId: b.agenda_item_id,
    };
  });
}

/** The ballots as one viewer sees them, with who voted how in each closed recorded ballot. */
export async function loadBallotViews(db: Db, ballots: Ballot[], viewer: Viewer): Promise<BallotView[]> {
  const rollIds = ballots.filter((b) => b.kind === "recorded" && b.status === "closed").map((b) => b.id);
  const [views, votes] = await Promise.all([
    loadBallotViewsWithoutRoll(db, ballots, viewer),
    rollIds.length
      ? db
          .selectFrom("recorded_votes")
          .innerJoin("users", "users.id", "recorded_votes.member_id")
          .select(["recorded_votes.ballot_id", "recorded_votes.choice", "users.display_name", "users.status"])
          .where("recorded_votes.ballot_id", "in", rollIds)
          .orderBy("users.display_name_key")
          .execute()
      : Promise.resolve([]),
  ]);
  const rolls = new Map<number, BallotView["roll"]>(rollIds.map((id) => [id, []]));
  for (const v of votes) rolls.get(v.ballot_id)!.push({ name: personName(v.display_name, v.status), choice: v.choice });
  return views.map((view) => ({ ...view, roll: rolls.get(view.id) ?? [] }));
}
