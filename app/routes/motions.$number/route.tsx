// One motion's page: the text, its whole public record, and, for people signed in, the forms for
// everything that can be done on it. Every form works as a plain POST without JavaScript.
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  type SerializeFrom,
  json,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { isMotionNumber } from "../../../server/domain/motion-number";
import { DAY_MS, epochToZonedLocal } from "../../../server/domain/time";
import { ErrorPage } from "~/components/error-page";
import { ErrorSummary } from "~/components/error-summary";
import type { FormReply } from "~/lib/forms.server";
import { notFound } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useRootData } from "~/root";
import styles from "./accountability.css";
import { missingMotion, motionAction } from "./actions.server";
import { ActionsSection } from "./actions-panel";
import { BallotSection } from "./ballot-panel";
import { FollowPanel } from "./follow-panel";
import { formAnchor } from "./form-anchors";
import { MotionHeader, MotionText, StatusNote } from "./motion-header";
import { ProposerPanel } from "./proposer-panel";
import { LiveRegion, useLiveMotion } from "./live-updates";
import { ResponseSection } from "./response-panel";
import { SecondingSection } from "./seconding";
import { Thread } from "./thread";
import { Timeline } from "./timeline";
import { VerdictSection } from "./verdict-panel";

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const number = params.number ?? "";
  const page = isMotionNumber(number) ? await context.services.read.motionPage(number, context.actor) : null;
  if (!page) notFound(missingMotion(number));
  const now = context.services.clock.now();
  const path = new URL(request.url).pathname;
  return json({
    page,
    now,
    /** a week from now, as the parliament's wall clock reads it: the default closing time */
    defaultClosesAt: epochToZonedLocal(now + 7 * DAY_MS, context.services.rules.timeZone),
    /** members who must ask before a verdict vote opens by itself */
    verdictRequests: context.services.rules.verdictRequests,
    signedIn: context.actor !== null,
    signInHref: `/login?redirectTo=${encodeURIComponent(path)}`,
  });
}

export async function action(args: ActionFunctionArgs) {
  return motionAction(args);
}

export type LoaderData = SerializeFrom<typeof loader>;
export type PageData = LoaderData["page"];

export default function MotionRoute() {
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<FormReply>() as FormReply | undefined;
  // With JavaScript, other people's posts, seconds, votes and results arrive while the page is open.
  const { data, page, message } = useLiveMotion(loaded, useRootData()?.viewer?.displayName ?? null);
  const { now } = data;
  const hasResponse = page.motion.response_status !== null;
  const showVoting = page.ballots.some((b) => b.purpose === "motion") || page.can.openBallot;
  const showActions = page.responses.length > 0 || page.actions.length > 0;
  const sections = [
    { href: "#seconding", label: "Seconding" },
    ...(showVoting ? [{ href: "#voting", label: "Voting" }] : []),
    ...(hasResponse ? [{ href: "#response", label: "Response" }] : []),
    ...(showActions ? [{ href: "#actions", label: `Actions (${page.actions.length})` }] : []),
    ...(page.verdict ? [{ href: "#verdict", label: "Members' verdict" }] : []),
    { href: "#record", label: "What happened" },
    { href: "#discussion", label: `Discussion (${page.posts.length})` },
  ];
  return (
    <article className="motion-page">
      <LiveRegion message={message} />
      <MotionHeader page={page} now={now} />
      {reply ? <ErrorSummary result={reply.result} href={formAnchor(reply)} /> : null}
      <nav aria-label="On this page" className="meta">
        On this page:{" "}
        {sections.map((section, i) => (
          <span key={section.href}>
            {i > 0 ? " · " : null}
            <a href={section.href}>{section.label}</a>
          </span>
        ))}
      </nav>
      <FollowPanel page={page} reply={reply} />
      <StatusNote page={page} />
      <MotionText page={page} />
      <ProposerPanel page={page} reply={reply} />
      <SecondingSection page={page} reply={reply} />
      {showVoting ? <BallotSection page={page} reply={reply} defaultClosesAt={data.defaultClosesAt} /> : null}
      {hasResponse ? <ResponseSection page={page} reply={reply} now={now} /> : null}
      {showActions ? <ActionsSection page={page} reply={reply} now={now} /> : null}
      <VerdictSection page={page} reply={reply} needed={data.verdictRequests} defaultClosesAt={data.defaultClosesAt} />
      <Timeline page={page} />
      <Thread page={page} reply={reply} signedIn={data.signedIn} signInHref={data.signInHref} />
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return pageTitle(matches, "Motion not found");
  const { motion } = data.page;
  const description = motion.summary || motion.text.slice(0, 200);
  return pageTitle(matches, `${motion.number}: ${motion.title}`, description);
};

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
