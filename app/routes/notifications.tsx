// A signed-in person's notices: what happened to the motions they raised or follow (and, for
// commissioners, the clock on their answers), newest first, a page at a time.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, SubmitButton } from "~/components/form";
import { When } from "~/components/when";
import { type FormReply, handleForm, readIntent } from "~/lib/forms.server";
import { requireActor } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { redirectWithNotice } from "~/lib/notice.server";
import { id } from "../../server/domain/schemas/text";

const PER_PAGE = 20;

const markOneSchema = z.object({ notificationId: id("The notice") });
const markAllSchema = z.object({});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const requested = Number(new URL(request.url).searchParams.get("before"));
  const before = Number.isInteger(requested) && requested > 0 ? requested : undefined;
  const { notifications } = context.services;
  const [{ notifications: notices, more }, unread] = await Promise.all([
    notifications.list(actor, { before, limit: PER_PAGE }),
    notifications.unreadCount(actor),
  ]);
  return json({ notices, more, unread, paged: before !== undefined, role: actor.role });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const formData = await request.formData();
  const intent = readIntent(formData);
  const here = new URL(request.url);
  const back = here.pathname + here.search;
  const { notifications } = context.services;

  if (intent === "read-all") {
    return handleForm(formData, markAllSchema, "read-all", async () => {
      await notifications.markRead(actor);
      return redirectWithNotice(back, "All your notices are marked as read.");
    });
  }
  if (intent === "read") {
    return handleForm(formData, markOneSchema, "read", async ({ notificationId }) => {
      // The newest of this person's notices up to this id: it is theirs only if it is this one.
      const { notifications: mine } = await notifications.list(actor, { before: notificationId + 1, limit: 1 });
      if (mine[0]?.id !== notificationId) throw json({ message: "There is no such notice among yours." }, { status: 404 });
      await notifications.markRead(actor, notificationId);
      return redirectWithNotice(back, "The notice is marked as read.");
    });
  }
  throw json({ message: "That form is not one this page knows. Reload the page and try again." }, { status: 400 });
}

const kindLabels: Record<string, string> = {
  seconded: "Seconded",
  scheduled: "On an agenda",
  voted: "Vote result",
  answered: "Response published",
  holding_reply: "Holding reply",
  revision_requested: "Revision requested",
  revised: "Revised response",
  action_moved: "Action update",
  closed: "Record closed",
  response_due_soon: "Response due soon",
  response_overdue: "Response overdue",
};

function Empty({ paged, role }: { paged: boolean; role: string }) {
  if (paged) {
    return (
      <p className="empty">
        There are no older notices. <Link to="/notifications">Back to your newest notices</Link>.
      </p>
    );
  }
  return (
    <div className="empty">
      <p>You have no notices yet.</p>
      <p>
        {role === "commissioner"
          ? "You will get a notice when a response from your body falls due within a week, and when one is overdue. "
          : null}
        You get a notice when a motion you raised or follow is seconded, put on a sitting&apos;s agenda, voted on, answered or
        revised, or when one of the actions promised on it moves. To follow a motion, open its page and press “Follow this
        motion”; you can stop following at any time.
      </p>
      <p>
        <Link to="/motions">Browse the motions</Link>
      </p>
    </div>
  );
}

export default function Notifications() {
  const { notices, more, unread, paged, role } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const errors = reply ? Object.values(reply.result.error ?? {}).flatMap((e) => e ?? []) : [];
  const oldest = notices.at(-1);
  return (
    <>
      <h1>Notifications</h1>
      <FormErrors id="notifications-error" errors={errors} />
      <p>
        {unread === 0
          ? "You have no unread notices."
          : `You have ${unread === 1 ? "1 unread notice" : `${unread} unread notices`}.`}
      </p>
      {unread > 0 ? (
        <Form method="post" className="actions">
          <SubmitButton intent="read-all" variant="secondary" pendingText="Marking…">
            Mark all as read
          </SubmitButton>
        </Form>
      ) : null}
      {notices.length === 0 ? (
        <Empty paged={paged} role={role} />
      ) : (
        <ol className="notice-list" aria-label={paged ? "Older notices" : "Your notices, newest first"}>
          {notices.map((n) => (
            <li key={n.id} className={n.read_at === null ? "unread" : undefined}>
              <p className="meta">
                {n.read_at === null ? <span className="tag info">Unread</span> : <span className="visually-hidden">Read. </span>}{" "}
                <strong>{kindLabels[n.kind] ?? "Update"}</strong> · <When at={n.created_at} withTime />
              </p>
              <p className="notice-message">{n.message}</p>
              {n.number ? (
                <p>
                  <Link to={`/motions/${n.number}`}>
                    <span className="number">{n.number}</span> {n.title}
                  </Link>
                </p>
              ) : null}
              {n.read_at === null ? (
                <Form method="post">
                  <input type="hidden" name="notificationId" value={n.id} />
                  <button type="submit" name="intent" value="read" className="link-button">
                    Mark as read<span className="visually-hidden">: {n.message}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {paged || more ? (
        <nav className="pagination" aria-label="Pages of notices">
          {paged ? <Link to="/notifications">Newest notices</Link> : null}
          {more && oldest ? <Link to={`/notifications?before=${oldest.id}`}>Older notices</Link> : null}
        </nav>
      ) : null}
      <style dangerouslySetInnerHTML={{ __html: css }} />
    </>
  );
}

// Unread notices get a bar at the side as well as the "Unread" tag: shape and text, not colour alone.
const css = `
.notice-list { list-style: none; padding: 0; margin: 1rem 0; }
.notice-list > li { border-top: 1px solid var(--line); padding: 0.75rem 0.75rem 0.75rem 1rem; border-left: 6px solid transparent; }
.notice-list > li:last-child { border-bottom: 1px solid var(--line); }
.notice-list > li.unread { border-left-color: var(--brand); background: #f7fafc; }
.notice-list p { margin: 0 0 0.35rem; }
.notice-message { font-size: 1.05rem; }
`;

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Notifications");
