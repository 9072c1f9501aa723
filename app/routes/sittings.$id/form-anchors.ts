// Where on the sitting page each form sits, so an error summary can link straight to it.
import type { FormReply } from "~/lib/forms.server";
import { intents } from "./form-schemas";

export function formAnchor(reply: FormReply): string {
  switch (reply.intent) {
    case intents.open:
    case intents.suspend:
    case intents.resume:
    case intents.close:
      return "#main";
    case intents.addItem:
    case intents.removeItem:
    case intents.moveItem:
      return "#agenda";
    case intents.speak:
    case intents.withdraw:
    case intents.removeRequest:
    case intents.nextSpeaker:
    case intents.endSpeech:
      return "#speakers";
    case intents.vote:
    case intents.closeBallot:
      return "#ballot";
    default:
      // taking up an item, moving on, adjourning, opening a vote: all under "Now debating"
      return "#now";
  }
}
