// One sitting's page: the agenda, the item in debate with its speakers and live ballot, who is
// present, and the minutes once it closes. Every form works as a plain POST without JavaScript;
// with it, the page follows the room live and sends votes and queue requests over the socket.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom, json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useMemo, useRef } from "react";
import { ErrorPage } from "~/components/error-page";
import { ErrorSummary } from "~/components/error-summary";
import { FormErrors } from "~/components/form";
import type { FormReply } from "~/lib/forms.server";
import { notFound } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { missingSitting, sittingAction, sittingIdOf } from "./actions.server";
import { Agenda } from "./agenda";
import { messagesOf } from "./form-schemas";
import { useFocusAfterSubmit } from "./focus-after-submit";
import { formAnchor } from "./form-anchors";
import { formsOnPage, replyKey } from "./forms-on-page";
import { SittingMinutes } from "./minutes";
import { NowDebating } from "./now-debating";
import { PageStyle } from "./page-style";
import { PresencePanel } from "./presence-panel";
import { SittingHeader } from "./sitting-header";
import { useLiveSitting } from "./use-live-sitting";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const sittingId = sittingIdOf(params.id);
  if (!sittingId) notFound(missingSitting);
  // Opening the page counts a member as present, with or without JavaScript.
  await context.services.presence.pageViewed(context.actor, sittingId);
  const live = await context.services.read.liveSitting(sittingId, context.actor);
  if (!live) notFound(missingSitting);
  const minutes = live.sitting.status === "closed" ? await context.services.read.minutes(sittingId) : null;
  return json({ live, minutes, viewer: context.actor ? { role: context.actor.role } : null });
}

export async function action(args: ActionFunctionArgs) {
  return sittingAction(args);
}

export type LoaderData = SerializeFrom<typeof loader>;

export default function SittingRoute() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<FormReply>() as FormReply | undefined;
  const live = useLiveSitting(data.live, data.viewer?.role ?? null);
  const forms = useMemo(() => formsOnPage(live.state), [live.state]);
  const article = useRef<HTMLElement>(null);
  useFocusAfterSubmit(article, live.state);
  // A refusal whose form is not on the page any more is said here, so it never vanishes.
  const stray = reply && reply.result.error && !forms.has(replyKey(reply)) ? messagesOf(reply.result) : [];
  const closed = live.state.sitting.status === "closed";
  const minutes = data.minutes ?? live.minutes;
  return (
    <article className="sitting-page" ref={article}>
      <PageStyle />
      <SittingHeader live={live} forms={forms} reply={reply} />
      {reply && !stray.length ? <ErrorSummary result={reply.result} href={formAnchor(reply)} /> : null}
      <div className="announcer" role="status" aria-live="polite" aria-atomic="true">
        {live.announcement}
      </div>
      <FormErrors id="page-errors" errors={stray} />
      {closed && minutes ? (
        <SittingMinutes minutes={minutes} />
      ) : (
        <>
          <NowDebating live={live} forms={forms} reply={reply} />
          <Agenda state={live.state} forms={forms} reply={reply} />
          <PresencePanel presence={live.state.presence} />
        </>
      )}
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return pageTitle(matches, "Sitting not found");
  const { sitting } = data.live;
  return pageTitle(matches, sitting.status === "closed" ? `Minutes: ${sitting.title}` : sitting.title);
};
