// The sitting page's forms. Each reuses the service's own schema, so the browser, the HTTP
// action and the live socket command check the same rules.
import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import type { FormReply } from "~/lib/forms.server";
import { voteSchema } from "../../../server/domain/schemas/ballot";
import {
  agendaAddSchema,
  agendaItemSchema,
  agendaMoveSchema,
  liveBallotSchema,
  speakerIdSchema,
  speakerRequestSchema,
} from "../../../server/domain/schemas/sitting";
import { id } from "../../../server/domain/schemas/text";

export const intents = {
  open: "open",
  suspend: "suspend",
  resume: "resume",
  close: "close",
  addItem: "add-item",
  removeItem: "remove-item",
  moveItem: "move-item",
  startItem: "start-item",
  nextItem: "next-item",
  adjourn: "adjourn",
  speak: "speak",
  withdraw: "withdraw",
  removeRequest: "remove-request",
  nextSpeaker: "next-speaker",
  endSpeech: "end-speech",
  openBallot: "open-ballot",
  closeBallot: "close-ballot",
  vote: "vote",
} as const;

export const noFieldsSchema = z.object({});
export { agendaAddSchema, agendaItemSchema, agendaMoveSchema, liveBallotSchema, speakerIdSchema, speakerRequestSchema };
export const voteFormSchema = voteSchema.extend({ ballotId: id("The ballot") });

/** Check a field on leaving it, then again as the person types, so a fixed error clears at once. */
export const validateTiming = { shouldValidate: "onBlur", shouldRevalidate: "onInput" } as const;

/**
 * The reply belongs to this form only if the intent matches and, for forms repeated per item or
 * request, the submitted id is this one's.
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
