// What a live update means for someone reading the motion page, in words a screen reader can
// say: compare what the reader was shown with what the page shows now. Only other people's
// doings are news; the reader's own already have their notice.
import { actionStatusLabels } from "../../../server/domain/accountability";
import { outcomeLabels } from "../../../server/domain/ballot-outcome";
import { responseStatusLabels, statusLabels } from "../../../server/domain/motion-state";
import { positionLabels } from "../../../server/domain/schemas/response";
import { plural } from "~/lib/format";
import { joinNames } from "./seconding";
import type { PageData } from "./route";
import { verdictResult } from "./verdict-wording";

/** The `ballot:tally` room message: the public tally of one ballot right now. */
export interface Tally {
  ballotId: number;
  turnout: number;
  /** null while a secret ballot is open */
  counts: { for: number; against: number; abstain: number } | null;
  status: string;
  outcome: string | null;
  quorum: number;
  eligible: number;
  committedAt: number;
}

type BallotData = PageData["ballots"][number];

/** The page with the newest tallies patched into its open ballots. */
export function withTallies(page: PageData, tallies: Record<number, Tally>): PageData {
  if (!Object.keys(tallies).length) return page;
  const ballots = page.ballots.map((b) => {
    const t = tallies[b.id];
    // A tally that says the ballot closed waits for the reload, which brings the result and roll.
    if (!t || t.status !== b.status) return b;
    return { ...b, turnout: t.turnout, counts: t.counts, quorum: t.quorum, eligible: t.eligible };
  });
  return { ...page, ballots };
}

export function sameTally(b: BallotData, t: Tally): boolean {
  const c = b.counts;
  const d = t.counts;
  return b.turnout === t.turnout && (c === d || (!!c && !!d && c.for === d.for && c.against === d.against && c.abstain === d.abstain));
}

export function tallySentence(t: Tally): string {
  const voted = `${t.turnout} of ${plural(t.eligible, "member")} ${t.turnout === 1 ? "has" : "have"} voted so far.`;
  if (!t.counts) return `Secret ballot: ${voted}`;
  return `Votes so far: for ${t.counts.for}, against ${t.counts.against}, abstain ${t.counts.abstain}. ${voted}`;
}

function postNews(before: PageData, after: PageData): string[] {
  const old = new Map(before.posts.map((p) => [p.id, p]));
  const added = after.posts.filter((p) => !old.has(p.id) && !p.mine && p.deletedAt === null && p.hidden === null);
  const changed = after.posts.filter((p) => {
    const was = old.get(p.id);
    return was && !p.mine && (was.editedAt !== p.editedAt || was.deletedAt !== p.deletedAt || (was.hidden === null) !== (p.hidden === null));
  });
  const news: string[] = [];
  if (added.length === 1) news.push(`A new ${added[0].parentId ? "reply" : "post"} from ${added[0].authorName}.`);
  else if (added.length > 1) news.push(`${added.length} new posts in the discussion, the latest from ${added[added.length - 1].authorName}.`);
  if (changed.length) news.push(changed.length === 1 ? "A post in the discussion was changed." : `${changed.length} posts in the discussion were changed.`);
  return news;
}

function ballotNews(before: PageData, after: PageData): string[] {
  const news: string[] = [];
  for (const b of after.ballots) {
    const was = before.ballots.find((x) => x.id === b.id);
    const verdict = b.purpose === "verdict";
    if (!was && b.status === "open") {
      news.push(verdict ? "Members' verdict vote on the response has opened: is it adequate?" : "Voting on this motion has opened.");
    } else if (was?.status === "open" && b.status === "closed") {
      const result = verdict ? verdictResult(b, null)?.headline : b.outcome ? outcomeLabels[b.outcome] : undefined;
      news.push(`${verdict ? "The verdict vote has closed" : "Voting has closed"}. Result: ${result ?? "not known yet"}.`);
    }
  }
  return news;
}

/** Holding replies, progress on actions, asks for a verdict and the record's state. */
function accountabilityNews(before: PageData, after: PageData): string[] {
  const news: string[] = [];
  if (after.holdingReplies.length > before.holdingReplies.length) {
    news.push(`${after.body.name} posted a holding reply explaining why the response is late.`);
  }
  const moved = after.actions.filter((a) => {
    const was = before.actions.find((x) => x.id === a.id);
    return was && a.updates.length > was.updates.length;
  });
  const index = (id: number) => after.actions.findIndex((a) => a.id === id) + 1;
  if (moved.length === 1) {
    const a = moved[0];
    news.push(`Progress on action ${index(a.id)}: ${actionStatusLabels[a.status].toLowerCase()}, ${a.progress}%.`);
  } else if (moved.length > 1) {
    news.push(`Progress was reported on ${moved.length} actions.`);
  }
  const asks = after.verdict?.requests ?? 0;
  const asked = after.verdict?.responseId === before.verdict?.responseId ? (before.verdict?.requests ?? 0) : 0;
  if (asks > asked && !(after.verdict?.requestedByViewer && !before.verdict?.requestedByViewer)) {
    news.push(`${asks} ${asks === 1 ? "member has" : "members have"} now asked for a verdict vote on the response.`);
  }
  const status = after.motion.response_status;
  if (status !== before.motion.response_status && status && status !== "responded" && status !== "awaiting") {
    news.push(
      status === "closed"
        ? "This motion's record is now closed."
        : `Response: ${responseStatusLabels[status]}. Members judged the response not adequate, and a revised one is due.`,
    );
  }
  return news;
}

/** One or two plain sentences about what others changed, or null when nothing worth saying did. */
export function describeChanges(before: PageData, after: PageData, viewerName: string | null): string | null {
  const news: string[] = [];
  const newSeconders = after.seconders
    .filter((s) => !before.seconders.some((x) => x.id === s.id))
    .map((s) => s.name)
    .filter((name) => !(after.viewerHasSeconded && !before.viewerHasSeconded && name === viewerName));
  if (newSeconders.length) news.push(`${joinNames(newSeconders)} seconded the motion.`);
  if (after.motion.version !== before.motion.version) news.push("The proposer changed the motion's text.");
  news.push(...ballotNews(before, after));
  if (after.motion.status !== before.motion.status) news.push(`This motion is now: ${statusLabels[after.motion.status]}.`);
  const newResponses = after.responses.filter((r) => !before.responses.some((x) => x.id === r.id));
  for (const r of newResponses) {
    const promised = after.actions.filter((a) => a.responseId === r.id).length;
    const withActions = promised ? `, with ${plural(promised, "action")}` : "";
    news.push(`${after.body.name} published ${r.version > 1 ? "a revised" : "a"} response: ${positionLabels[r.position]}${withActions}.`);
  }
  news.push(...accountabilityNews(before, after));
  news.push(...postNews(before, after));
  return news.length ? news.join(" ") : null;
}
