// Matching an action's reply to the form it came from, shared by the pages with many forms
// (the motion page and the sitting page).
import type { SubmissionResult } from "@conform-to/react";
import type { FormReply } from "~/lib/forms.server";

/**
 * Check a field when the person leaves it, then re-check as they type. Clearing an error only
 * on blur would move the submit button up just as it is pressed, and the click would be lost.
 */
export const validateTiming = { shouldValidate: "onBlur", shouldRevalidate: "onInput" } as const;

/**
 * The reply belongs to this form only if the intent matches and, for forms repeated per item
 * (a post, a ballot, a speaker's request), the submitted id is this one's: ten reply boxes must
 * not all show one error.
 */
export function replyFor(
  reply: FormReply | undefined,
  intent: string,
  ref?: { field: string; id: number },
): SubmissionResult<string[]> | undefined {
  if (!reply || reply.intent !== intent) return undefined;
  if (ref && String(reply.result.initialValue?.[ref.field] ?? "") !== String(ref.id)) return undefined;
  return reply.result;
}

/** Every message in a failed reply, for when the form it came from is no longer on the page. */
export function messagesOf(result: SubmissionResult<string[]> | undefined): string[] {
  if (!result?.error) return [];
  return Object.values(result.error).flatMap((errors) => errors ?? []);
}
