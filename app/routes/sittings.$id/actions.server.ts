// Every form on the sitting page posts here; the intent says which one. Each branch has the house
// shape: parse with the form's schema -> call the service -> redirect back with a notice. The
// services check who may do what and in which state; this file only routes.
import { type ActionFunctionArgs, json } from "@remix-run/node";
import { InvalidState } from "../../../server/domain/errors";
import { outcomeLabels } from "../../../server/domain/ballot-outcome";
import { choiceLabels } from "../../../server/domain/schemas/ballot";
import { handleForm, readIntent } from "~/lib/forms.server";
import { notFound, requireActor } from "~/lib/guards.server";
import { redirectWithNotice } from "~/lib/notice.server";
import {
  agendaAddSchema,
  agendaItemSchema,
  agendaMoveSchema,
  intents,
  liveBallotSchema,
  noFieldsSchema,
  speakerIdSchema,
  speakerRequestSchema,
  voteFormSchema,
} from "./form-schemas";

export const missingSitting = "There is no such sitting. It may have been a typing mistake in the address.";

/** A sitting id from the address, or null: larger numbers than a database id can hold are not ids. */
export function sittingIdOf(param: string | undefined): number | null {
  return param && /^[1-9]\d{0,8}$/.test(param) ? Number(param) : null;
}

const speakNotices = {
  speech: "You are in the queue to speak. The chair will call you.",
  question: "Your question is in the queue. The chair will call you.",
  point_of_order: "Your point of order goes to the front of the queue. The chair will call you next.",
} as const;

export async function sittingAction({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const sittingId = sittingIdOf(params.id);
  const page = sittingId ? await context.services.read.sittingPage(sittingId, actor) : null;
  if (!sittingId || !page) notFound(missingSitting);
  const formData = await request.formData();
  const intent = readIntent(formData);
  const { sittings, liveBallots, ballots } = context.services;
  const back = (section: string) => `/sittings/${sittingId}#${section}`;

  // Ids in a form are trusted only for things on this sitting's page; a stale page gets a
  // message beside the form rather than an error page.
  const item = (itemId: number) => {
    const found = page.items.find((i) => i.id === itemId);
    if (!found) throw new InvalidState("That item is no longer on this sitting's agenda. The page now shows the agenda as it is.");
    return found;
  };
  const inQueue = (requestId: number) => {
    const all = [...page.queue.waiting, ...(page.queue.current ? [page.queue.current] : [])];
    const found = all.find((r) => r.requestId === requestId);
    if (!found) throw new InvalidState("That request to speak is no longer in the queue.");
    return found;
  };
  const ballotHere = (ballotId: number) => {
    const found = page.items.flatMap((i) => i.ballots).find((b) => b.id === ballotId);
    if (!found) throw new InvalidState("That ballot is not part of this sitting.");
    return found;
  };

  switch (intent) {
    case intents.open:
      return handleForm(formData, noFieldsSchema, intent, async () => {
        await sittings.open(actor, sittingId);
        return redirectWithNotice(back("now"), "The sitting is open. Take up the first item when you are ready.");
      });
    case intents.resume:
      return handleForm(formData, noFieldsSchema, intent, async () => {
        await sittings.open(actor, sittingId);
        return redirectWithNotice(back("now"), "The sitting has resumed.");
      });
    case intents.suspend:
      return handleForm(formData, noFieldsSchema, intent, async () => {
        await sittings.suspend(actor, sittingId);
        return redirectWithNotice(back("now"), "The sitting is suspended. Nothing can happen until you resume it.");
      });
    case intents.close:
      return handleForm(formData, noFieldsSchema, intent, async () => {
        await sittings.close(actor, sittingId);
        return redirectWithNotice(back("minutes"), "The sitting is closed. Its minutes are below.");
      });

    case intents.addItem:
      return handleForm(formData, agendaAddSchema, intent, async (value) => {
        await sittings.addToAgenda(actor, sittingId, value);
        const motion = page.candidates.find((c) => c.id === value.motionId);
        return redirectWithNotice(back("agenda"), `${motion ? motion.number : "The motion"} is on the agenda.`);
      });
    case intents.removeItem:
      return handleForm(formData, agendaItemSchema, intent, async (value) => {
        const { motion } = item(value.itemId);
        await sittings.removeFromAgenda(actor, value);
        return redirectWithNotice(back("agenda"), `${motion.number} is off the agenda. It can go on another sitting's agenda.`);
      });
    case intents.moveItem:
      return handleForm(formData, agendaMoveSchema, intent, async (value) => {
        const { motion } = item(value.itemId);
        await sittings.reorder(actor, value);
        return redirectWithNotice(back("agenda"), `${motion.number} moved ${value.direction} the agenda.`);
      });
    case intents.startItem:
      return handleForm(formData, agendaItemSchema, intent, async (value) => {
        const { motion } = item(value.itemId);
        await sittings.startItem(actor, value);
        return redirectWithNotice(back("now"), `${motion.number} is now being debated.`);
      });
    case intents.nextItem:
      return handleForm(formData, noFieldsSchema, intent, async () => {
        const { itemId } = await sittings.startNextItem(actor, sittingId);
        const next = page.items.find((i) => i.id === itemId);
        return redirectWithNotice(back("now"), `${next ? next.motion.number : "The next item"} is now being debated.`);
      });
    case intents.adjourn:
      return handleForm(formData, agendaItemSchema, intent, async (value) => {
        const { motion } = item(value.itemId);
        await sittings.adjournItem(actor, value);
        return redirectWithNotice(back("agenda"), `Debate on ${motion.number} is adjourned. It can be taken up again.`);
      });

    case intents.speak:
      return handleForm(formData, speakerRequestSchema, intent, async (value) => {
        item(value.itemId);
        await sittings.requestToSpeak(actor, value);
        return redirectWithNotice(back("speakers"), speakNotices[value.kind]);
      });
    case intents.withdraw:
      return handleForm(formData, speakerIdSchema, intent, async (value) => {
        inQueue(value.requestId);
        await sittings.withdrawRequest(actor, value);
        return redirectWithNotice(back("speakers"), "You withdrew your request. You can ask again at any time.");
      });
    case intents.removeRequest:
      return handleForm(formData, speakerIdSchema, intent, async (value) => {
        const { name } = inQueue(value.requestId);
        await sittings.withdrawRequest(actor, value);
        return redirectWithNotice(back("speakers"), `${name}'s request was taken out of the queue.`);
      });
    case intents.nextSpeaker:
      return handleForm(formData, agendaItemSchema, intent, async (value) => {
        item(value.itemId);
        const { requestId } = await sittings.callNextSpeaker(actor, value);
        const called = page.queue.waiting.find((r) => r.requestId === requestId);
        return redirectWithNotice(
          back("speakers"),
          requestId === null ? "Nobody is waiting to speak, so the floor is free." : `${called?.name ?? "The next speaker"} is now speaking.`,
        );
      });
    case intents.endSpeech:
      return handleForm(formData, agendaItemSchema, intent, async (value) => {
        item(value.itemId);
        await sittings.endSpeech(actor, value);
        return redirectWithNotice(back("speakers"), "The speech has ended.");
      });

    case intents.openBallot:
      return handleForm(formData, liveBallotSchema, intent, async (value) => {
        const { motion } = item(value.itemId);
        await liveBallots.open(actor, value);
        return redirectWithNotice(back("ballot"), `Voting is open on ${motion.number}. Members can vote now.`);
      });
    case intents.closeBallot:
      return handleForm(formData, agendaItemSchema, intent, async (value) => {
        const { motion } = item(value.itemId);
        const { outcome } = await liveBallots.close(actor, value);
        return redirectWithNotice(back("result"), `Voting on ${motion.number} is closed. Result: ${outcomeLabels[outcome].toLowerCase()}.`);
      });
    case intents.vote:
      return handleForm(formData, voteFormSchema, intent, async (value) => {
        const ballot = ballotHere(value.ballotId);
        const { changed } = await ballots.vote(actor, value.ballotId, { choice: value.choice });
        const notice =
          ballot.kind === "secret"
            ? "Thank you, your vote was counted. It is secret: nobody can see how you voted."
            : `${changed ? "Your vote was changed" : "Your vote was recorded"}: ${choiceLabels[value.choice]}.`;
        return redirectWithNotice(back("ballot"), notice);
      });

    default:
      throw json(
        { message: "The page did not say what you wanted to do. Please go back, reload the page and try again." },
        { status: 400 },
      );
  }
}
