// One audit entry in plain words: what happened (from its public payload), who did it, and
// where to see it in context. Payload shapes are permanent once written, so every field is read
// defensively and an unknown kind of entry still gets a sentence.
import { actionStatusLabels } from "../../../server/domain/accountability";
import { outcomeLabels } from "../../../server/domain/ballot-outcome";
import { statusLabels } from "../../../server/domain/motion-state";
import { roleLabels } from "../../../server/domain/schemas/account";
import { choiceLabels } from "../../../server/domain/schemas/ballot";
import { positionLabels } from "../../../server/domain/schemas/response";
import { itemStatusLabels } from "../../../server/domain/sitting-rules";
import { formatDate, formatDateTime, plural } from "~/lib/format";
import type { AuditLogItem } from "../../../server/queries/audit-log";

/** An entry as the page shows it: its log item without the time and the hashes. */
export type EntryView = Omit<AuditLogItem, "at" | "prevHash" | "hash">;

type Payload = Record<string, unknown>;
const text = (p: Payload, key: string) => (typeof p[key] === "string" ? (p[key] as string) : "");
const num = (p: Payload, key: string) => (typeof p[key] === "number" ? (p[key] as number) : 0);
const label = (labels: Record<string, string>, value: string) => labels[value] ?? value;
const sentenceEnd = (s: string) => (/[.!?…]$/.test(s) ? s : `${s}.`);
const because = (p: Payload, key = "reason") => (text(p, key).trim() ? ` Reason given: ${sentenceEnd(text(p, key).trim())}` : "");

/** Who acted, as the log can say it: a pseudonym, or why there is none. */
export function whoActed(e: EntryView): string {
  if (e.actorName) return e.actorName;
  if (e.type === "vote.cast" || e.type === "vote.changed") return "a member (secret ballot: who voted is never linked to how)";
  return "the system (automatically, not a person)";
}

export function describeEntry(e: EntryView, timeZone: string): string {
  const p = e.payload;
  const motion = `motion ${e.motionNumber ?? (text(p, "number") || "(number unknown)")}`;
  const person = e.subjectName ?? "A member";
  switch (e.type) {
    case "motion.published":
      return `${cap(motion)} was published: “${text(p, "title")}”. It needs ${plural(num(p, "seconders_required"), "seconder")}.`;
    case "motion.edited":
      return `The text of ${motion} was changed (version ${num(p, "version")}): “${text(p, "title")}”.`;
    case "motion.seconded":
      return `${cap(motion)} was seconded (${plural(num(p, "seconds"), "seconder")} so far).`;
    case "motion.state":
      return `${cap(motion)} moved from ${label(statusLabels, text(p, "from"))} to ${label(statusLabels, text(p, "to"))}.${because(p)}`;
    case "ballot.opened": {
      const what =
        text(p, "purpose") === "verdict"
          ? `A vote opened on whether the response to ${motion} is adequate`
          : `A ${text(p, "kind") === "secret" ? "secret ballot" : "recorded vote"} opened on ${motion}`;
      const closes = num(p, "closes_at") ? ` It closes on ${formatDateTime(num(p, "closes_at"), timeZone)}.` : "";
      return `${what}. ${plural(num(p, "eligible"), "member")} could vote; ${plural(num(p, "quorum"), "vote was", "votes were")} needed for quorum.${closes}`;
    }
    case "vote.cast":
      return text(p, "kind") === "secret"
        ? `A secret vote was cast on ${motion}.`
        : `A vote was cast on ${motion}: ${label(choiceLabels, text(p, "choice"))}.`;
    case "vote.changed":
      return `A vote on ${motion} was changed from ${label(choiceLabels, text(p, "from"))} to ${label(choiceLabels, text(p, "choice"))}.`;
    case "ballot.closed": {
      const how = text(p, "closed_by") === "chair" ? "by the chair" : "at its set time";
      return `The vote on ${motion} closed ${how}. Result: ${label(outcomeLabels, text(p, "outcome"))}. For ${num(p, "for")}, against ${num(p, "against")}, abstain ${num(p, "abstain")}.`;
    }
    case "post.hidden":
      return `A post in the discussion of ${motion} was hidden by the chair.${because(p)}`;
    case "post.restored":
      return `A hidden post in the discussion of ${motion} was put back by the chair.${because(p)}`;
    case "response.published": {
      const again = num(p, "version") > 1 ? ` (response ${num(p, "version")})` : "";
      const late = p.on_time === false ? " It was published after its due date." : "";
      return `A response to ${motion} was published${again}: ${label(positionLabels, text(p, "position"))}.${late}`;
    }
    case "response.holding_reply": {
      const expected = num(p, "expected_at") ? ` A full response is expected by ${formatDate(num(p, "expected_at"), timeZone)}.` : "";
      return `A holding reply on ${motion} explained the delay.${because(p)}${expected}`;
    }
    case "action.updated":
      return `An action promised on ${motion} is now ${label(actionStatusLabels, text(p, "to")).toLowerCase()} (${num(p, "progress")}% done).${because(p, "drop_reason")}`;
    case "verdict.requested":
      return `A member asked for a vote on whether the response to ${motion} is adequate (${num(p, "requests")} of ${num(p, "needed")} requests needed).`;
    case "response.judged_adequate":
      return `Members judged the response to ${motion} adequate.`;
    case "response.revision_requested": {
      const due = num(p, "due_at") ? ` A revised response is due by ${formatDate(num(p, "due_at"), timeZone)}.` : "";
      return `Members judged the response to ${motion} inadequate.${due}`;
    }
    case "response.record_closed":
      return `The record of ${motion} was closed.${because(p)}`;
    case "sitting.scheduled":
      return `A sitting was scheduled: “${text(p, "title")}”, starting ${formatDateTime(num(p, "starts_at"), timeZone)}.`;
    case "sitting.open":
      return "A sitting opened.";
    case "sitting.suspended":
      return "A sitting was suspended for a break.";
    case "sitting.resumed":
      return "A sitting resumed after a break.";
    case "sitting.closed":
      return "A sitting closed.";
    case "agenda.added":
      return "A motion was put on a sitting's agenda.";
    case "agenda.removed":
      return "A motion was taken off a sitting's agenda.";
    case "agenda.reordered":
      return `An item on a sitting's agenda was moved ${text(p, "direction") === "up" ? "up" : "down"}.`;
    case "agenda.item_state":
      return `On a sitting's agenda, ${motion} moved from ${label(itemStatusLabels, text(p, "from"))} to ${label(itemStatusLabels, text(p, "to"))}.`;
    case "body.created":
      return `The commissioning body “${text(p, "name")}” was added. It has ${plural(num(p, "response_period_days"), "day")} to respond to carried motions.`;
    case "body.updated": {
      const from = num(p, "from_response_period_days");
      const to = num(p, "response_period_days");
      const period = from && from !== to ? ` Its time to respond changed from ${plural(from, "day")} to ${plural(to, "day")}.` : "";
      return `The commissioning body “${text(p, "name")}” was changed.${period}`;
    }
    case "user.joined":
      return `${person} joined as ${article(label(roleLabels, text(p, "role")))}.`;
    case "user.role_changed":
      return `${person}'s role changed from ${label(roleLabels, text(p, "from"))} to ${label(roleLabels, text(p, "to"))}.`;
    case "user.suspended":
      return `${person} was suspended.`;
    case "user.reinstated":
      return `${person} was reinstated.`;
    default:
      return `Recorded: ${e.type}.`;
  }
}

/** Where to see the entry in context, most specific first. */
export function entryLinks(e: EntryView): { href: string; label: string }[] {
  const links: { href: string; label: string }[] = [];
  if (e.motionNumber) links.push({ href: `/motions/${e.motionNumber}#event-${e.seq}`, label: `See it in the record of motion ${e.motionNumber}` });
  const sittingId = e.subjectType === "sitting" ? e.subjectId : e.payload.sitting_id;
  if ((typeof sittingId === "string" || typeof sittingId === "number") && /^\d+$/.test(String(sittingId))) {
    links.push({ href: `/sittings/${sittingId}`, label: "Go to the sitting" });
  }
  if (e.subjectType === "body" && e.bodySlug) links.push({ href: `/motions?body=${encodeURIComponent(e.bodySlug)}`, label: "Motions to this body" });
  return links;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const article = (role: string) => (/^[AEIOU]/i.test(role) ? `an ${role.toLowerCase()}` : `a ${role.toLowerCase()}`);
