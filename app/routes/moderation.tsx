import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, SubmitButton, TextArea } from "~/components/form";
import { When } from "~/components/when";
import { type FormReply, handleForm, readIntent } from "~/lib/forms.server";
import { requireRole } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { redirectWithNotice } from "~/lib/notice.server";
import { hidePostSchema, postIdSchema, stanceLabels } from "../../server/domain/schemas/thread";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(request, context, ["chair"]);
  return json({ reports: await context.services.read.openReports() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireRole(request, context, ["chair"]);
  const formData = await request.formData();
  const intent = readIntent(formData);
  const postId = String(formData.get("postId") ?? "");
  if (intent === "hide") {
    return handleForm(formData, hidePostSchema, `hide:${postId}`, async (value) => {
      await context.services.threads.hide(actor, value);
      return redirectWithNotice("/moderation", "The post is hidden. Its place in the discussion shows your reason.");
    });
  }
  if (intent === "dismiss") {
    return handleForm(formData, postIdSchema, `dismiss:${postId}`, async (value) => {
      await context.services.threads.dismissReports(actor, value);
      return redirectWithNotice("/moderation", "The reports are dismissed and the post stays up.");
    });
  }
  throw json({ message: "That form is not one this page knows. Reload the page and try again." }, { status: 400 });
}

type Reported = ReturnType<typeof useLoaderData<typeof loader>>["reports"][number];

export default function Moderation() {
  const { reports } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  return (
    <>
      <h1>Moderation</h1>
      <p>
        Posts that members have reported. For each one, decide whether to hide it or keep it. A hidden post leaves your
        reason in its place in the discussion, for everyone to see, and the decision is recorded in the public log.
      </p>
      <h2>Reports waiting</h2>
      {reports.length === 0 ? (
        <p className="empty">No reports waiting. Thank you for keeping the discussions safe.</p>
      ) : (
        <ul className="motion-list" aria-label="Reported posts">
          {reports.map((item) => (
            <ReportedPost key={item.post.post_id} item={item} reply={reply} />
          ))}
        </ul>
      )}
    </>
  );
}

function ReportedPost({ item, reply }: { item: Reported; reply?: FormReply }) {
  const { post, reports } = item;
  const hideReply = reply?.intent === `hide:${post.post_id}` ? reply.result : undefined;
  const dismissReply = reply?.intent === `dismiss:${post.post_id}` ? reply.result : undefined;
  const [hideForm, hideFields] = useForm({
    id: `hide-${post.post_id}`,
    lastResult: hideReply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: hidePostSchema }),
    shouldValidate: "onBlur",
    // Errors clear while typing, not on blur: a blur that removes an error moves the button being clicked.
    shouldRevalidate: "onInput",
  });
  const [dismissForm] = useForm({
    id: `dismiss-${post.post_id}`,
    lastResult: dismissReply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: postIdSchema }),
  });
  const gone = post.deleted_at !== null || post.hidden_at !== null;
  const motion = post.number ? `${post.number}: ${post.title}` : post.title;
  return (
    <li>
      <h3>
        Post by {post.author_name} on {post.number ? <Link to={`/motions/${post.number}`}>{motion}</Link> : motion}
      </h3>
      <p className="meta">
        {stanceLabels[post.stance]} · posted <When at={post.created_at} withTime /> ·{" "}
        {reports.length === 1 ? "1 report" : `${reports.length} reports`}
      </p>
      {post.deleted_at !== null ? (
        <p className="post tombstone">The author has deleted this post since it was reported.</p>
      ) : post.hidden_at !== null ? (
        <p className="post tombstone">This post is already hidden.</p>
      ) : (
        <blockquote className="post">
          <p className="body">{post.body}</p>
        </blockquote>
      )}
      <h4>Why it was reported</h4>
      <ul>
        {reports.map((report) => (
          <li key={report.id}>
            {`“${report.reason}” — ${report.by}, `}
            <When at={report.at} withTime />
          </li>
        ))}
      </ul>
      {gone ? null : (
        <details open={hideReply?.status === "error" || undefined}>
          <summary>
            Hide post<span className="visually-hidden"> by {post.author_name}</span>…
          </summary>
          <Form method="post" {...getFormProps(hideForm)}>
            <FormErrors id={hideForm.errorId} errors={hideForm.errors} />
            <input type="hidden" name="postId" value={post.post_id} />
            <TextArea
              meta={hideFields.reason}
              label="Reason for hiding"
              rows={3}
              hint="Shown to everyone in place of the post. Keep it short and kind, for example “Hidden because it named a member of staff.”"
            />
            <SubmitButton intent="hide" variant="danger" pendingText="Hiding…">
              Hide post
            </SubmitButton>
          </Form>
        </details>
      )}
      <Form method="post" {...getFormProps(dismissForm)}>
        <FormErrors id={dismissForm.errorId} errors={dismissForm.errors} />
        <input type="hidden" name="postId" value={post.post_id} />
        <div className="actions">
          <SubmitButton intent="dismiss" variant="secondary" pendingText="Saving…">
            {gone ? "Close these reports" : "Keep post (dismiss reports)"}
          </SubmitButton>
        </div>
      </Form>
    </li>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Moderation");
