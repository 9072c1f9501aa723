// The motion's public record, read from the audit log: one plain sentence per entry, each with
// its own anchor so anyone can link to the moment something happened. Runs of votes fold into
// a count so a busy ballot does not bury everything else.
import type { ReactNode } from "react";
import { actionStatusLabels } from "../../../server/domain/accountability";
import { outcomeLabels } from "../../../server/domain/ballot-outcome";
import { statusLabels } from "../../../server/domain/motion-state";
import { positionLabels } from "../../../server/domain/schemas/response";
import { When, useTimeZone } from "~/components/when";
import { formatDate, formatDateTime, plural } from "~/lib/format";
import type { PageData } from "./route";
import { verdictResult } from "./verdict-wording";

type Entry = PageData["timeline"][number];
type Payload = Record<string, unknown>;

const text = (p: Payload, key: string) => (typeof p[key] === "string" ? (p[key] as string) : "");
const num = (p: Payload, key: string) => (typeof p[key] === "number" ? (p[key] as number) : 0);
const label = <K extends string>(labels: Record<K, string>, value: string) => labels[value as K] ?? value;
/**
 * A ballot that closed at its set time may be counted a little later (the server was busy or
 * down at that moment); the entry's own time is when it was counted, so say when voting ended.
 */
const atSetTime = (p: Payload, timeZone: string) => (num(p, "closed_at") ? `, ${formatDateTime(num(p, "closed_at"), timeZone)}` : "");
const majority: Record<string, string> = { simple: "a simple majority", two_thirds: "a two-thirds majority" };

/** Runs of at least this many votes on one ballot fold into a single line. */
const FOLD_AT = 4;

function stateSentence(e: Entry): ReactNode {
  const p = e.payload as Payload;
  const from = label(statusLabels, text(p, "from"));
  const to = text(p, "to");
  const reason = text(p, "reason");
  switch (to) {
    case "withdrawn":
      return `${e.actorName ?? "The proposer"} withdrew the motion.${reason ? ` Their reason: ${reason}` : ""}`;
    case "lapsed":
      return "The motion lapsed because not enough members seconded it in time.";
    case "seconded":
      return text(p, "from") === "open"
        ? "The motion had enough seconders, so it can now go to a vote."
        : `The motion went back to Seconded${reason ? ` because ${reason}` : ""}.`;
    case "carried":
      return "The motion was carried.";
    case "defeated":
      return "The motion was defeated.";
    case "voting":
      return "Voting on the motion began.";
    case "scheduled":
      return text(p, "from") === "seconded" ? "The motion was put on the agenda of a sitting." : "Debate was adjourned; the motion stays on the agenda.";
    case "debating":
      return "Debate on the motion began in a sitting.";
    default:
      return `The motion moved from ${from} to ${label(statusLabels, to)}${reason ? ` because ${reason}` : ""}.`;
  }
}

const isVerdictBallot = (page: PageData, p: Payload) =>
  p.purpose === "verdict" || page.ballots.some((b) => b.id === p.ballot_id && b.purpose === "verdict");

/** The accountability steps after a motion is carried: responses, actions, verdicts, closure. */
function accountabilitySentence(e: Entry, page: PageData, timeZone: string): ReactNode | undefined {
  const p = e.payload as Payload;
  const who = e.actorName ?? "Someone";
  const date = (key: string) => (num(p, key) ? formatDate(num(p, key), timeZone) : "a date not given");
  switch (e.type) {
    case "response.published": {
      const late = p.on_time === false ? " It was published after the due date." : "";
      const again = num(p, "version") > 1 ? ` (response ${num(p, "version")})` : "";
      const count = Array.isArray(p.actions) ? p.actions.length : 0;
      const promises = count ? ` It promises ${plural(count, "action")}.` : "";
      return `${who} published the response from ${page.body.name}${again}: ${label(positionLabels, text(p, "position"))}.${promises}${late}`;
    }
    case "response.holding_reply":
      return (
        `${who} posted a holding reply for ${page.body.name}: the response is now expected by ${date("expected_at")}. ` +
        `Why it is late: ${text(p, "reason")}`
      );
    case "action.updated": {
      const index = page.actions.findIndex((a) => a.id === p.action_id);
      const which = index >= 0 ? <a href={`#action-${page.actions[index].id}`}>action {index + 1}</a> : "an action";
      const dropped = text(p, "drop_reason") ? ` Why it was dropped: ${text(p, "drop_reason")}` : "";
      return (
        <>
          {who} reported progress on {which}: {label(actionStatusLabels, text(p, "to"))}, {num(p, "progress")}%. {text(p, "note")}
          {dropped}
        </>
      );
    }
    case "verdict.requested":
      return `${who} asked for a verdict vote on the response (${num(p, "requests")} of ${num(p, "needed")} needed).`;
    case "response.revision_requested":
      return `Members judged the response not adequate. A revised response is due by ${date("due_at")}.`;
    case "response.judged_adequate":
      return "Members judged the response adequate. It stands.";
    case "response.record_closed":
      return e.actorName
        ? `${who} closed this motion's record. Reason: ${text(p, "reason")}`
        : `This motion's record closed by itself: ${text(p, "reason")}.`;
    case "ballot.opened": {
      if (!isVerdictBallot(page, p)) return undefined;
      // The request that reaches the threshold opens the ballot in the same step, by that member.
      const byRequest = page.timeline.some((x) => x.type === "verdict.requested" && x.at === e.at && x.actorName === e.actorName);
      return (
        <>
          {byRequest ? "Enough members had asked, so the response went" : `${who} put the response`} to members&apos; verdict
          in a {text(p, "kind") === "secret" ? "secret ballot" : "recorded vote"}: is it adequate?{" "}
          {plural(num(p, "eligible"), "member")} could vote and {plural(num(p, "quorum"), "vote was", "votes were")} needed for
          quorum.
          {num(p, "closes_at") ? ` Voting was set to close on ${formatDateTime(num(p, "closes_at"), timeZone)}.` : null}
        </>
      );
    }
    case "ballot.closed": {
      if (!isVerdictBallot(page, p)) return undefined;
      const how = text(p, "closed_by") === "chair" ? "The chair closed the verdict vote early." : `The verdict vote closed at its set time${atSetTime(p, timeZone)}.`;
      const result = verdictResult(
        {
          status: "closed",
          outcome: text(p, "outcome") as "carried" | "defeated" | "no_quorum",
          counts: { for: num(p, "for"), against: num(p, "against"), abstain: num(p, "abstain") },
          turnout: num(p, "turnout"),
          eligible: num(p, "eligible"),
          quorum: num(p, "quorum"),
        },
        null,
      );
      const headline = result?.kind === "inadequate" ? "Judged not adequate" : result?.headline;
      const counts = `Adequate ${num(p, "for")}, not adequate ${num(p, "against")}, abstain ${num(p, "abstain")}`;
      return `${how} Result: ${headline}. ${counts}; ${num(p, "turnout")} of ${plural(num(p, "eligible"), "member")} voted.`;
    }
    default:
      return undefined;
  }
}

function sentence(e: Entry, page: PageData, timeZone: string): ReactNode {
  const p = e.payload as Payload;
  const who = e.actorName ?? "Someone";
  const accountability = accountabilitySentence(e, page, timeZone);
  if (accountability !== undefined) return accountability;
  switch (e.type) {
    case "motion.published":
      return `${who} published the motion as ${text(p, "number") || page.motion.number}. It needed ${plural(num(p, "seconders_required") || page.motion.seconders_required, "seconder")}.`;
    case "motion.edited":
      return (
        <>
          {who} changed the text of the motion (version {num(p, "version")}).
        </>
      );
    case "motion.seconded":
      return `${who} seconded the motion (${num(p, "seconds")} of ${page.motion.seconders_required} needed).`;
    case "motion.state":
      return stateSentence(e);
    case "post.hidden":
      return (
        <>
          The chair hid <a href={`#post-${num(p, "post_id")}`}>a post in the discussion</a>. Reason: {text(p, "reason")}
        </>
      );
    case "post.restored":
      return (
        <>
          The chair put back <a href={`#post-${num(p, "post_id")}`}>a hidden post</a>. Reason: {text(p, "reason")}
        </>
      );
    case "ballot.opened":
      return (
        <>
          {who} opened a {text(p, "kind") === "secret" ? "secret ballot" : "recorded vote"}, needing {majority[text(p, "rule")] ?? "a majority"}.{" "}
          {plural(num(p, "eligible"), "member")} could vote and {plural(num(p, "quorum"), "vote was", "votes were")} needed for quorum.
          {num(p, "closes_at") ? ` Voting was set to close on ${formatDateTime(num(p, "closes_at"), timeZone)}.` : null}
        </>
      );
    case "vote.cast":
      return text(p, "kind") === "secret" ? "A secret vote was cast." : `${who} voted.`;
    case "vote.changed":
      return `${who} changed their vote.`;
    case "ballot.closed": {
      const how = text(p, "closed_by") === "chair" ? "The chair closed the vote early." : `The vote closed at its set time${atSetTime(p, timeZone)}.`;
      const result = label(outcomeLabels, text(p, "outcome"));
      return `${how} Result: ${result}. For ${num(p, "for")}, against ${num(p, "against")}, abstain ${num(p, "abstain")}; ${num(p, "turnout")} of ${plural(num(p, "eligible"), "member")} voted.`;
    }
    case "agenda.item_state": {
      const sitting = <a href={`/sittings/${num(p, "sitting_id")}`}>the sitting</a>;
      switch (text(p, "to")) {
        case "debating":
          return <>The chair took up the motion in {sitting}.</>;
        case "voting":
          return <>The chair put the motion to a live vote in {sitting}.</>;
        case "decided":
          return <>The item was decided in {sitting}.</>;
        case "adjourned":
          return <>The chair adjourned debate on the motion in {sitting}.</>;
        default:
          return <>The item moved on in {sitting}.</>;
      }
    }
    default:
      return `Recorded: ${e.type}.`;
  }
}

function EntryItem({ e, page }: { e: Entry; page: PageData }) {
  const timeZone = useTimeZone();
  return (
    <li id={`event-${e.seq}`}>
      <a href={`#event-${e.seq}`} className="event-time">
        <When at={e.at} withTime />
      </a>
      {sentence(e, page, timeZone)}
    </li>
  );
}

const isVote = (e: Entry) => e.type === "vote.cast" || e.type === "vote.changed";
const ballotOf = (e: Entry) => (e.payload as Payload).ballot_id;

type Item = { kind: "one"; entry: Entry } | { kind: "votes"; entries: Entry[] };

function fold(entries: Entry[]): Item[] {
  const items: Item[] = [];
  let run: Entry[] = [];
  const flush = () => {
    if (run.length >= FOLD_AT) items.push({ kind: "votes", entries: run });
    else for (const entry of run) items.push({ kind: "one", entry });
    run = [];
  };
  for (const e of entries) {
    if (isVote(e) && (run.length === 0 || ballotOf(run[0]) === ballotOf(e))) {
      run.push(e);
      continue;
    }
    flush();
    if (isVote(e)) run.push(e);
    else items.push({ kind: "one", entry: e });
  }
  flush();
  return items;
}

function VoteRun({ entries, page }: { entries: Entry[]; page: PageData }) {
  const first = entries[0];
  const last = entries[entries.length - 1];
  const cast = entries.filter((e) => e.type === "vote.cast").length;
  const changed = entries.length - cast;
  const secret = (first.payload as Payload).kind === "secret";
  const timeZone = useTimeZone();
  return (
    <li id={`votes-${first.seq}`}>
      <a href={`#votes-${first.seq}`} className="event-time">
        <When at={first.at} withTime />
      </a>
      {plural(cast, secret ? "secret vote was" : "vote was", secret ? "secret votes were" : "votes were")} cast
      {changed ? ` and ${plural(changed, "vote was", "votes were")} changed` : ""}, the last on{" "}
      {formatDateTime(last.at, timeZone)}.
      <details>
        <summary>Show each vote ({entries.length})</summary>
        <ol className="timeline">
          {entries.map((e) => (
            <EntryItem key={e.seq} e={e} page={page} />
          ))}
        </ol>
      </details>
    </li>
  );
}

export function Timeline({ page }: { page: PageData }) {
  return (
    <section id="record" aria-labelledby="record-heading">
      <h2 id="record-heading">What happened</h2>
      <p className="hint">
        Each step comes from the parliament&apos;s public record, which cannot be changed without it showing. Each entry has its own link.
      </p>
      <ol className="timeline">
        {fold(page.timeline).map((item) =>
          item.kind === "one" ? (
            <EntryItem key={item.entry.seq} e={item.entry} page={page} />
          ) : (
            <VoteRun key={item.entries[0].seq} entries={item.entries} page={page} />
          ),
        )}
      </ol>
    </section>
  );
}
