// The motion page's forms. Each reuses the service's own schema, adding only the id that says
// which ballot or post the form is about, so the browser and the service check the same rules.
import { z } from "zod";
export { messagesOf, replyFor, validateTiming } from "~/lib/form-reply";
import { openBallotSchema, voteSchema } from "../../../server/domain/schemas/ballot";
import { withdrawSchema } from "../../../server/domain/schemas/motion";
import {
  actionUpdateSchema,
  closeRecordSchema,
  holdingReplySchema,
  responseSchema,
  responseSchemaFor,
  verdictBallotSchema,
} from "../../../server/domain/schemas/accountability";
import { editPostSchema, hidePostSchema, postIdSchema, postSchema, reportPostSchema, restorePostSchema } from "../../../server/domain/schemas/thread";
import { id } from "../../../server/domain/schemas/text";

export const intents = {
  second: "second",
  withdraw: "withdraw",
  post: "post",
  reply: "reply",
  editPost: "edit-post",
  deletePost: "delete-post",
  reportPost: "report-post",
  hidePost: "hide-post",
  restorePost: "restore-post",
  dismissReports: "dismiss-reports",
  openBallot: "open-ballot",
  closeBallot: "close-ballot",
  vote: "vote",
  respond: "respond",
  holdingReply: "holding-reply",
  updateAction: "update-action",
  requestVerdict: "request-verdict",
  openVerdict: "open-verdict",
  closeRecord: "close-record",
  follow: "follow",
  unfollow: "unfollow",
} as const;

export const secondSchema = z.object({});
export { withdrawSchema, openBallotSchema, responseSchema, responseSchemaFor, editPostSchema, hidePostSchema, restorePostSchema, reportPostSchema };
export { holdingReplySchema, actionUpdateSchema, closeRecordSchema };
export const newPostSchema = postSchema.omit({ parentId: true });
export const replySchema = postSchema.extend({ parentId: id("The post you are replying to") });
export const postRefSchema = postIdSchema;
export const ballotRefSchema = z.object({ ballotId: id("The ballot") });
export const voteFormSchema = voteSchema.extend({ ballotId: id("The ballot") });
export const responseRefSchema = z.object({ responseId: id("The response") });
export const openVerdictSchema = verdictBallotSchema.extend({ responseId: id("The response") });
export const followSchema = z.object({});

/** Spare rows the response form offers; blank ones are not actions. */
export const EMPTY_ACTION_ROWS = 3;
