// Every form on the motion page posts here; the intent says which one. Each branch has the
// house shape: parse with the form's schema -> call the service -> redirect back to the section
// with a notice. The services check who may do what; this file only routes.
import { type ActionFunctionArgs, json } from "@remix-run/node";
import { NotFound } from "../../../server/domain/errors";
import { choiceLabels } from "../../../server/domain/schemas/ballot";
import { handleForm, readIntent } from "~/lib/forms.server";
import { notFound, requireActor } from "~/lib/guards.server";
import { redirectWithNotice } from "~/lib/notice.server";
import {
  ballotRefSchema,
  editPostSchema,
  hidePostSchema,
  intents,
  newPostSchema,
  openBallotSchema,
  postRefSchema,
  replySchema,
  reportPostSchema,
  responseSchema,
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
  const { motions, threads, ballots, responses } = context.services;
  const motionId = page.motion.id;
  const back = (section: string) => `/motions/${number}#${section}`;

  // Ids in a form are only trusted for things on this motion's page.
  const onThisMotion = (postId: number) => {
    if (!page.posts.some((p) => p.id === postId)) throw new NotFound("That post is not part of this discussion.");
  };
  const ballotOnThisMotion = (ballotId: number) => {
    if (!page.ballots.some((b) => b.id === ballotId)) throw new NotFound("That ballot is not about this motion.");
  };

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
        ballotOnThisMotion(value.ballotId);
        await ballots.close(actor, value.ballotId);
        return redirectWithNotice(back("voting"), "Voting is closed. The result is shown below.");
      });

    case intents.vote:
      return handleForm(formData, voteFormSchema, intent, async (value) => {
        ballotOnThisMotion(value.ballotId);
        const ballot = page.ballots.find((b) => b.id === value.ballotId)!;
        const { changed } = await ballots.vote(actor, value.ballotId, { choice: value.choice });
        const notice =
          ballot.kind === "secret"
            ? "Thank you, your vote was counted. It is secret: nobody can see how you voted."
            : `${changed ? "Your vote was changed" : "Your vote was recorded"}: ${choiceLabels[value.choice]}.`;
        return redirectWithNotice(back("voting"), notice);
      });

    case intents.respond:
      return handleForm(formData, responseSchema, intent, async (value) => {
        await responses.publish(actor, motionId, value);
        return redirectWithNotice(back("response"), "Your response is published. Thank you for answering in public.");
      });

    default:
      throw json(
        { message: "The page did not say what you wanted to do. Please go back, reload the page and try again." },
        { status: 400 },
      );
  }
}
