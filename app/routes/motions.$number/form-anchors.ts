// Where on the motion page each form sits, so an error summary can link straight to it.
import type { FormReply } from "~/lib/forms.server";
import { intents } from "./form-schemas";

export function formAnchor(reply: FormReply): string {
  const value = (name: string) => String(reply.result.initialValue?.[name] ?? "");
  switch (reply.intent) {
    case intents.second:
      return "#seconding";
    case intents.withdraw:
      return "#your-motion";
    case intents.post:
      return "#new-post";
    case intents.reply:
      return `#post-${value("parentId")}`;
    case intents.editPost:
    case intents.deletePost:
    case intents.reportPost:
    case intents.hidePost:
    case intents.restorePost:
    case intents.dismissReports:
      return `#post-${value("postId")}`;
    case intents.vote:
      return value("ballotId") ? `#ballot-${value("ballotId")}` : "#voting";
    case intents.openBallot:
    case intents.closeBallot:
      return "#voting";
    case intents.updateAction:
      return `#action-${value("actionId")}`;
    case intents.requestVerdict:
    case intents.openVerdict:
      return "#verdict";
    case intents.follow:
    case intents.unfollow:
      return "#follow";
    default:
      // responding, a holding reply, closing the record: all in the response section
      return "#response";
  }
}
