// Every form on the motion page posts here; the intent says which one. Each branch has the
// house shape: parse with the form's schema -> call the service -> redirect back to the section
// with a notice. The services check who may do what; this file only routes.
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, json } from "@remix-run/node";
import { NotFound } from "../../../server/domain/errors";
import { calendarDate } from "../../../server/domain/schemas/accountability";
import { choiceLabels } from "../../../server/domain/schemas/ballot";
import { type FormReply, handleForm, readIntent } from "~/lib/forms.server";
import { notFound, requireActor } from "~/lib/guards.server";
import { redirectWithNotice } from "~/lib/notice.server";
import {
  actionUpdateSchema,
  ballotRefSchema,
  closeRecordSchema,
  editPostSchema,
  followSchema,
  holdingReplySchema,
  hidePostSchema,
  restorePostSchema,
  intents,
  newPostSchema,
  openBallotSchema,
  openVerdictSchema,
  postRefSchema,
  replySchema,
  reportPostSchema,
  responseRefSchema,
  responseSchema,
  responseSchemaFor,
  secondSchema,
  voteFormSchema,
  withdrawSchema,
} from "./form-schemas";

export function missingMotion(number: string): string {
  return `There is no motion ${number}. It may have a typing mistake.`;
}

export async function motionAction({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const number = params.number ?? "";
  const page = await context.services.read.motionPage(number, actor);
  if (!page) notFound(missingMotion(number));
  const formData = await request.formData();
  const intent = readIntent(formData);
  const { motions, threads, ballots, responses, actions, verdicts, notifications } = context.services;
  const motionId = page.motion.id;
  const back = (section: string) => `/motions/${number}#${section}`;

  // Ids in a form are only trusted for things on this motion's page.
  const onThisMotion = (postId: number) => {
    if (!page.posts.some((p) => p.id === postId)) throw new NotFound("That post is not part of this discussion.");
  };
  const ballotOnThisMotion = (ballotId: number) => {
    const ballot = page.ballots.find((b) => b.id === ballotId);
    if (!ballot) throw new NotFound("That ballot is not about this motion.");
    return ballot;
  };
  const actionOnThisMotion = (actionId: number) => {
    if (!page.actions.some((a) => a.id === actionId)) throw new NotFound("That action is not part of this motion's record.");
  };
  const responseOnThisMotion = (responseId: number) => {
    if (!page.responses.some((r) => r.id === responseId)) throw new NotFound("That response is not about this motion.");
  };
  /** A verdict ballot lives in the verdict section, a ballot on the motion in the voting section. */
  const ballotSection = (ballotId: number) => (ballotOnThisMotion(ballotId).purpose === "verdict" ? "verdict" : "voting");

  switch (intent) {
    case intents.second:
      return handleForm(formData, secondSchema, intent, async () => {
        const { status } = await motions.second(actor, motionId);
        return redirectWithNotice(
          back("seconding"),
          status === "seconded" && page.motion.status === "open"
            ? "Thank you. You seconded this motion, and it now has enough seconders to go to a vote."
            : "Thank you. You seconded this motion.",
        );
      });

    case intents.withdraw:
      return handleForm(formData, withdrawSchema, intent, async (value) => {
        await motions.withdraw(actor, motionId, value);
        return redirectWithNotice(back("status"), "You withdrew this motion. Your reason is shown on the page.");
      });

    case intents.post:
      return handleForm(formData, newPostSchema, intent, async (value) => {
        const { postId } = await threads.post(actor, motionId, value);
        return redirectWithNotice(back(`post-${postId}`), "Your post is now part of the discussion.");
      });

    case intents.reply:
      return handleForm(formData, replySchema, intent, async (value) => {
        onThisMotion(value.parentId);
        const { postId } = await threads.post(actor, motionId, value);
        return redirectWithNotice(back(`post-${postId}`), "Your reply is now part of the discussion.");
      });

    case intents.editPost:
      return handleForm(formData, editPostSchema, intent, async (value) => {
        onThisMotion(value.postId);
        await threads.edit(actor, value);
        return redirectWithNotice(back(`post-${value.postId}`), "Your post was updated. The earlier version is kept with it.");
      });

    case intents.deletePost:
      return handleForm(formData, postRefSchema, intent, async (value) => {
        onThisMotion(value.postId);
        await threads.remove(actor, value);
        return redirectWithNotice(back(`post-${value.postId}`), "Your post was deleted. Replies to it stay in place.");
      });

    case intents.reportPost:
      return handleForm(formData, reportPostSchema, intent, async (value) => {
        onThisMotion(value.postId);
        await threads.report(actor, value);
        return redirectWithNotice(back(`post-${value.postId}`), "Thank you. The chair will look at this post.");
      });

    case intents.hidePost:
      return handleForm(formData, hidePostSchema, intent, async (value) => {
        onThisMotion(value.postId);
        await threads.hide(actor, value);
        return redirectWithNotice(back(`post-${value.postId}`), "The post is hidden. Your reason is shown in its place.");
      });

    case intents.restorePost:
      return handleForm(formData, restorePostSchema, intent, async (value) => {
        onThisMotion(value.postId);
        await threads.restore(actor, value);
        return redirectWithNotice(back(`post-${value.postId}`), "The post is back in the discussion.");
      });

    case intents.dismissReports:
      return handleForm(formData, postRefSchema, intent, async (value) => {
        onThisMotion(value.postId);
        await threads.dismissReports(actor, value);
        return redirectWithNotice(back(`post-${value.postId}`), "The reports are dismissed and the post stays up.");
      });

    case intents.openBallot:
      return handleForm(formData, openBallotSchema, intent, async (value) => {
        await ballots.open(actor, motionId, value);
        return redirectWithNotice(back("voting"), "Voting is open. Members can now vote on this motion.");
      });

    case intents.closeBallot:
      return handleForm(formData, ballotRefSchema, intent, async (value) => {
        const section = ballotSection(value.ballotId);
        await ballots.close(actor, value.ballotId);
        return redirectWithNotice(back(section), "Voting is closed. The result is shown below.");
      });

    case intents.vote:
      return handleForm(formData, voteFormSchema, intent, async (value) => {
        const ballot = ballotOnThisMotion(value.ballotId);
        const { changed } = await ballots.vote(actor, value.ballotId, { choice: value.choice });
        const notice =
          ballot.kind === "secret"
            ? "Thank you, your vote was counted. It is secret: nobody can see how you voted."
            : `${changed ? "Your vote was changed" : "Your vote was recorded"}: ${choiceLabels[value.choice]}.`;
        return redirectWithNotice(back(ballotSection(value.ballotId)), notice);
      });

    case intents.respond:
      // "Add more action rows" without JavaScript: Conform's list intent comes back as the same
      // form with one more row and everything typed kept. Nothing is checked or written yet, so
      // no errors are shown either.
      if (formData.has("__intent__")) {
        const rows = parseWithZod(formData, { schema: responseSchema }).reply();
        return json<FormReply>({ intent, result: { ...rows, error: undefined } });
      }
      // Checked here against the service's own clock as well, so a due date in the past is
      // named on the row it was typed in (the service sees the rows with blanks left out).
      return handleForm(formData, responseSchemaFor(calendarDate(context.services.clock.now(), context.services.rules.timeZone)), intent, async (value) => {
        const { version } = await responses.publish(actor, motionId, value);
        return redirectWithNotice(
          back("response"),
          version > 1
            ? "Your revised response is published. The earlier one stays on the record beside it."
            : "Your response is published. Thank you for answering in public.",
        );
      });

    case intents.holdingReply:
      return handleForm(formData, holdingReplySchema, intent, async (value) => {
        await responses.holdingReply(actor, motionId, value);
        return redirectWithNotice(
          back("response"),
          "Your holding reply is published. The response clock keeps running until the response itself is published.",
        );
      });

    case intents.updateAction:
      return handleForm(formData, actionUpdateSchema, intent, async (value) => {
        actionOnThisMotion(value.actionId);
        const { closed } = await actions.update(actor, value);
        return redirectWithNotice(
          back(closed ? "response" : `action-${value.actionId}`),
          closed
            ? "Your update is published. Every promised action is now done or dropped, so this motion's record is closed."
            : "Your progress update is published.",
        );
      });

    case intents.requestVerdict:
      return handleForm(formData, responseRefSchema, intent, async (value) => {
        responseOnThisMotion(value.responseId);
        const { requests, needed, ballotId } = await verdicts.request(actor, value.responseId);
        return redirectWithNotice(
          back("verdict"),
          ballotId
            ? "Thank you. Enough members have asked, so the verdict vote is now open."
            : `Thank you. You asked for a verdict vote (${requests} of ${needed} needed).`,
        );
      });

    case intents.openVerdict:
      return handleForm(formData, openVerdictSchema, intent, async ({ responseId, ...value }) => {
        responseOnThisMotion(responseId);
        await verdicts.open(actor, responseId, value);
        return redirectWithNotice(back("verdict"), "The response is now put to members' verdict. Members can vote until the closing time.");
      });

    case intents.closeRecord:
      return handleForm(formData, closeRecordSchema, intent, async (value) => {
        await responses.close(actor, motionId, value);
        return redirectWithNotice(back("response"), "The record is closed. Your reason is shown on the page.");
      });

    case intents.follow:
      return handleForm(formData, followSchema, intent, async () => {
        await notifications.follow(actor, motionId);
        return redirectWithNotice(back("follow"), "You are following this motion. You will get a notice when something happens to it.");
      });

    case intents.unfollow:
      return handleForm(formData, followSchema, intent, async () => {
        await notifications.unfollow(actor, motionId);
        return redirectWithNotice(back("follow"), "You no longer follow this motion.");
      });

    default:
      throw json(
        { message: "The page did not say what you wanted to do. Please go back, reload the page and try again." },
        { status: 400 },
      );
  }
}
