// The sitting page's forms. Each reuses the service's own schema, so the browser, the HTTP
// action and the live socket command check the same rules.
import { z } from "zod";
export { messagesOf, replyFor, validateTiming } from "~/lib/form-reply";
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
