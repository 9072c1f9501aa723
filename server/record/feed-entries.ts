// What the Atom feeds announce: decisions (a motion carried or defeated, members' verdict on a
// response), responses, holding replies and progress on promised actions. One query per kind,
// each already limited, then merged newest first; a body's feed adds one condition to each.
import { actionStatusLabels } from "../domain/accountability";
import { positionLabels } from "../domain/schemas/response";
import type { Db } from "../services/deps";
import { motionPath } from "./motion-facts";

export type FeedCategory = "decision" | "response" | "holding-reply" | "action-update";

export interface FeedEntry {
  /** stable and unique within the parliament: the feed's tag: ids are built from it */
  key: string;
  category: FeedCategory;
  /** the row's id within its category: breaks ties between things recorded in the same instant */
  rowId: number;
  at: number;
  title: string;
  summary: string;
  /** the motion page, with an anchor where the page has one for this moment */
  path: string;
  /** who speaks in the entry: the commissioning body, or the parliament for decisions */
  author: string | null;
  number: string;
}

export const FEED_SIZE = 50;

const rules = { simple: "simple majority", two_thirds: "two-thirds majority" } as const;

function dateIn(epoch: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "long", year: "numeric" }).format(new Date(epoch));
}

function base(db: Db, bodyId: number | undefined) {
  // Named columns only: the feeds never need, and so never read, anything private.
  return db
    .selectFrom("motions")
    .innerJoin("bodies", "bodies.id", "motions.body_id")
    .where("motions.status", "!=", "draft")
    .$if(bodyId !== undefined, (q) => q.where("motions.body_id", "=", bodyId!));
}

/** The newest entries, across all bodies or for one, newest first. */
export async function readFeedEntries(db: Db, options: { bodyId?: number; limit?: number; timeZone: string }): Promise<FeedEntry[]> {
  const limit = options.limit ?? FEED_SIZE;
  const motionCols = ["motions.number", "motions.title", "bodies.name as body_name"] as const;

  const decisions = await base(db, options.bodyId)
    .innerJoin("ballots", "ballots.motion_id", "motions.id")
    .leftJoin("responses", "responses.id", "ballots.response_id")
    .select([...motionCols, "ballots.id", "ballots.purpose", "ballots.kind", "ballots.rule", "ballots.closed_at", "ballots.outcome"])
    .select(["ballots.count_for", "ballots.count_against", "ballots.count_abstain", "ballots.eligible_count", "responses.version"])
    .where("ballots.status", "=", "closed")
    .where("ballots.outcome", "in", ["carried", "defeated"])
    .orderBy("ballots.closed_at", "desc")
    .orderBy("ballots.id", "desc")
    .limit(limit)
    .execute();
  const responses = await base(db, options.bodyId)
    .innerJoin("responses", "responses.motion_id", "motions.id")
    .select([...motionCols, "responses.id", "responses.version", "responses.position", "responses.summary", "responses.published_at", "responses.due_at"])
    .orderBy("responses.published_at", "desc")
    .orderBy("responses.id", "desc")
    .limit(limit)
    .execute();
  const holding = await base(db, options.bodyId)
    .innerJoin("holding_replies", "holding_replies.motion_id", "motions.id")
    .select([...motionCols, "holding_replies.id", "holding_replies.reason", "holding_replies.expected_at", "holding_replies.published_at"])
    .orderBy("holding_replies.published_at", "desc")
    .orderBy("holding_replies.id", "desc")
    .limit(limit)
    .execute();
  const updates = await base(db, options.bodyId)
    .innerJoin("response_actions", "response_actions.motion_id", "motions.id")
    .innerJoin("action_updates", "action_updates.action_id", "response_actions.id")
    .select([...motionCols, "response_actions.description", "action_updates.id", "action_updates.at", "action_updates.note"])
    .select(["action_updates.status", "action_updates.progress"])
    .orderBy("action_updates.at", "desc")
    .orderBy("action_updates.id", "desc")
    .limit(limit)
    .execute();

  const entries: FeedEntry[] = [
    ...decisions.map((d): FeedEntry => {
      const carried = d.outcome === "carried";
      const turnout = d.count_for + d.count_against + d.count_abstain;
      const how = `${d.kind === "secret" ? "secret ballot" : "recorded vote"}, ${rules[d.rule]}`;
      const counts = `For ${d.count_for}, against ${d.count_against}, abstain ${d.count_abstain}: ${turnout} of ${d.eligible_count} members voted (${how}).`;
      const title =
        d.purpose === "verdict"
          ? `${d.number}: members judged response ${d.version ?? ""} ${carried ? "adequate" : "inadequate and asked for a revised response"}`
          : `${d.number} ${carried ? "carried" : "defeated"}: ${d.title}`;
      return {
        key: `decision/ballot/${d.id}`,
        category: "decision",
        rowId: d.id,
        at: d.closed_at ?? 0,
        title: title.replace(/ {2,}/g, " "),
        summary: d.purpose === "verdict" ? counts : `${counts} The motion is addressed to ${d.body_name}.`,
        path: `${motionPath(d.number!)}#ballot-${d.id}`,
        author: null,
        number: d.number!,
      };
    }),
    ...responses.map((r): FeedEntry => {
      const late = r.due_at !== null && r.published_at > r.due_at ? " Published after the due date." : "";
      return {
        key: `response/${r.id}`,
        category: "response",
        rowId: r.id,
        at: r.published_at,
        title: `${r.body_name} ${r.version > 1 ? `revised its response (version ${r.version})` : "responded"} to ${r.number}: ${positionLabels[r.position]}`,
        summary: `${r.summary || `A response to “${r.title}”.`}${late}`,
        path: `${motionPath(r.number!)}#response-${r.version}`,
        author: r.body_name,
        number: r.number!,
      };
    }),
    ...holding.map(
      (h): FeedEntry => ({
        key: `holding-reply/${h.id}`,
        category: "holding-reply",
        rowId: h.id,
        at: h.published_at,
        title: `${h.body_name} posted a holding reply on ${h.number}: ${h.title}`,
        summary: `${h.reason} The response is expected by ${dateIn(h.expected_at, options.timeZone)}.`,
        path: `${motionPath(h.number!)}#response`,
        author: h.body_name,
        number: h.number!,
      }),
    ),
    ...updates.map(
      (u): FeedEntry => ({
        key: `action-update/${u.id}`,
        category: "action-update",
        rowId: u.id,
        at: u.at,
        title: `Action on ${u.number} ${actionStatusLabels[u.status].toLowerCase()} (${u.progress}%): ${u.description}`,
        summary: u.note,
        path: `${motionPath(u.number!)}#response`,
        author: u.body_name,
        number: u.number!,
      }),
    ),
  ];
  // Newest first; ties (one write can record several things) keep a fixed order.
  const rank: Record<FeedCategory, number> = { "action-update": 0, "holding-reply": 1, response: 2, decision: 3 };
  entries.sort((a, b) => b.at - a.at || rank[a.category] - rank[b.category] || b.rowId - a.rowId);
  return entries.slice(0, limit);
}
