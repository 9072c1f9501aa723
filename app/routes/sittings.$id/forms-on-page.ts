// Which forms this viewer sees, decided in one place. The panels render a form only when its key
// is here, and a refusal whose form is not on the page (a stale page, or someone without the
// right role posting by hand) is shown at the top instead of vanishing.
import type { FormReply } from "~/lib/forms.server";
import { intents } from "./form-schemas";
import type { LiveState } from "./use-live-sitting";

export type FormsOnPage = ReadonlySet<string>;

export const formKey = (intent: string, id?: number | string) => (id === undefined ? intent : `${intent}:${id}`);

const refField: Partial<Record<string, string>> = {
  [intents.removeItem]: "itemId",
  [intents.moveItem]: "itemId",
  [intents.startItem]: "itemId",
  [intents.adjourn]: "itemId",
  [intents.speak]: "itemId",
  [intents.nextSpeaker]: "itemId",
  [intents.endSpeech]: "itemId",
  [intents.openBallot]: "itemId",
  [intents.closeBallot]: "itemId",
  [intents.withdraw]: "requestId",
  [intents.removeRequest]: "requestId",
  [intents.vote]: "ballotId",
};

export function replyKey(reply: FormReply): string {
  const field = refField[reply.intent];
  const value = field ? reply.result.initialValue?.[field] : undefined;
  return formKey(reply.intent, field ? String(value ?? "") : undefined);
}

export function formsOnPage(s: LiveState): FormsOnPage {
  const keys = new Set<string>();
  const status = s.sitting.status;
  const inSession = status === "open";
  const active = s.items.find((i) => i.id === s.activeItemId) ?? null;

  if (s.can.chair) {
    if (status === "scheduled") keys.add(intents.open);
    if (inSession) keys.add(intents.suspend);
    if (status === "suspended") keys.add(intents.resume);
    if (inSession || status === "suspended") keys.add(intents.close);
    if (s.candidates.length) keys.add(intents.addItem);
    if (inSession && !active && s.items.some((i) => i.status === "pending")) keys.add(intents.nextItem);
    for (const item of s.items) {
      if (item.status === "pending") {
        keys.add(formKey(intents.removeItem, item.id));
        keys.add(formKey(intents.moveItem, item.id));
      }
      if (inSession && !active && (item.status === "pending" || item.status === "adjourned")) keys.add(formKey(intents.startItem, item.id));
    }
    if (active && inSession) {
      if (active.status === "debating") {
        keys.add(formKey(intents.adjourn, active.id));
        keys.add(formKey(intents.openBallot, active.id));
      }
      // Only when someone is waiting: with an empty queue the button would do nothing.
      if (s.queue.waiting.length) keys.add(formKey(intents.nextSpeaker, active.id));
      if (s.queue.current) keys.add(formKey(intents.endSpeech, active.id));
      for (const r of s.queue.waiting) keys.add(formKey(intents.removeRequest, r.requestId));
    }
    if (active && s.liveBallot) keys.add(formKey(intents.closeBallot, active.id));
  }
  if (s.can.speak && active) keys.add(formKey(intents.speak, active.id));
  for (const r of s.queue.waiting) if (r.mine) keys.add(formKey(intents.withdraw, r.requestId));
  const b = s.liveBallot;
  if (b && s.can.vote && !(b.kind === "secret" && b.mine.voted)) keys.add(formKey(intents.vote, b.id));
  return keys;
}
