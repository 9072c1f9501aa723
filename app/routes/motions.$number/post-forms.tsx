// The small forms under each post: reply, edit, delete, report, and the chair's hide and
// dismiss. Each sits in a <details> so the thread stays readable; a form that came back with
// an error opens itself so the message is seen without JavaScript.
import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { z } from "zod";
import { stanceLabels, stances } from "../../../server/domain/schemas/thread";
import { FormErrors, RadioGroup, SubmitButton, TextArea } from "~/components/form";
import { editPostSchema, hidePostSchema, intents, restorePostSchema, postRefSchema, replySchema, reportPostSchema, validateTiming } from "./form-schemas";

export const stanceOptions = stances.map((s) => ({ value: s, label: stanceLabels[s] }));

type Result = SubmissionResult<string[]> | undefined;

function failed(form: { errors?: string[] }, fields: { errors?: string[] }[]): boolean {
  return Boolean(form.errors?.length || fields.some((f) => f.errors?.length));
}

function Disclosure({ summary, open, children }: { summary: ReactNode; open: boolean; children: ReactNode }) {
  return (
    <details open={open || undefined}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

/** "Reply" to a sighted reader; "Reply to Sam's post" to a screen reader moving between controls. */
const about = (verb: string, context: string) => (
  <>
    {verb}
    <span className="visually-hidden"> {context}</span>
  </>
);

export function ReplyForm({ postId, author, lastResult }: { postId: number; author: string; lastResult: Result }) {
  const [form, fields] = useForm<z.input<typeof replySchema>>({
    id: `reply-${postId}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: replySchema }),
    ...validateTiming,
  });
  return (
    <Disclosure summary={about("Reply", `to ${author}'s post`)} open={failed(form, [fields.stance, fields.body])}>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intents.reply} />
        <input type="hidden" name="parentId" value={postId} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <RadioGroup meta={fields.stance} legend="Where do you stand?" options={stanceOptions} inline />
        <TextArea meta={fields.body} label="Your reply" rows={4} />
        <SubmitButton intent={intents.reply} pendingText="Posting…">
          Post reply
        </SubmitButton>
      </Form>
    </Disclosure>
  );
}

export function EditForm({
  postId,
  stance,
  body,
  lastResult,
}: {
  postId: number;
  stance: string;
  body: string;
  lastResult: Result;
}) {
  const [form, fields] = useForm<z.input<typeof editPostSchema>>({
    id: `edit-${postId}`,
    lastResult,
    defaultValue: { stance: stance as (typeof stances)[number], body },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editPostSchema }),
    ...validateTiming,
  });
  return (
    <Disclosure summary={about("Edit", "your post")} open={failed(form, [fields.stance, fields.body])}>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intents.editPost} />
        <input type="hidden" name="postId" value={postId} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <RadioGroup meta={fields.stance} legend="Where do you stand?" options={stanceOptions} inline />
        <TextArea meta={fields.body} label="Your post" hint="The earlier version stays visible to everyone." rows={5} />
        <SubmitButton intent={intents.editPost} pendingText="Saving…">
          Save changes
        </SubmitButton>
      </Form>
    </Disclosure>
  );
}

export function DeleteForm({ postId, lastResult }: { postId: number; lastResult: Result }) {
  const [form] = useForm({
    id: `delete-${postId}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: postRefSchema }),
  });
  return (
    <Disclosure summary={about("Delete", "your post")} open={failed(form, [])}>
      <p>
        Your words and their earlier versions are removed. A note that you deleted the post stays in its place, and
        replies to it stay. This cannot be undone.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intents.deletePost} />
        <input type="hidden" name="postId" value={postId} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <SubmitButton intent={intents.deletePost} variant="danger" pendingText="Deleting…">
          Delete my post
        </SubmitButton>
      </Form>
    </Disclosure>
  );
}

export function ReportForm({ postId, author, lastResult }: { postId: number; author: string; lastResult: Result }) {
  const [form, fields] = useForm<z.input<typeof reportPostSchema>>({
    id: `report-${postId}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reportPostSchema }),
    ...validateTiming,
  });
  return (
    <Disclosure summary={about("Report", `${author}'s post`)} open={failed(form, [fields.reason])}>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intents.reportPost} />
        <input type="hidden" name="postId" value={postId} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextArea
          meta={fields.reason}
          label="What is wrong with this post?"
          hint="Only the chair sees reports. The author is not told who reported it."
          rows={3}
        />
        <SubmitButton intent={intents.reportPost} pendingText="Sending…">
          Send report
        </SubmitButton>
      </Form>
    </Disclosure>
  );
}

/** The chair's two moderation steps on a post, hiding it and putting it back: each needs a public reason. */
function ModerationForm({
  formId,
  postId,
  lastResult,
  intent,
  schema,
  summary,
  label,
  hint,
  rows,
  button,
}: {
  formId: string;
  postId: number;
  lastResult: Result;
  intent: typeof intents.hidePost | typeof intents.restorePost;
  schema: typeof hidePostSchema | typeof restorePostSchema;
  summary: ReactNode;
  label: string;
  hint: string;
  rows: number;
  button: { text: string; pendingText: string; variant: "danger" | "secondary" };
}) {
  const [form, fields] = useForm<z.input<typeof schema>>({
    id: formId,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    ...validateTiming,
  });
  return (
    <Disclosure summary={summary} open={failed(form, [fields.reason])}>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="postId" value={postId} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextArea meta={fields.reason} label={label} hint={hint} rows={rows} />
        <SubmitButton intent={intent} variant={button.variant} pendingText={button.pendingText}>
          {button.text}
        </SubmitButton>
      </Form>
    </Disclosure>
  );
}

export function HideForm({ postId, author, lastResult }: { postId: number; author: string; lastResult: Result }) {
  return (
    <ModerationForm
      formId={`hide-${postId}`}
      postId={postId}
      lastResult={lastResult}
      intent={intents.hidePost}
      schema={hidePostSchema}
      summary={about("Hide", `${author}'s post`)}
      label="Why are you hiding it?"
      hint="Your reason is shown in the post's place, for everyone, and kept in the public record."
      rows={3}
      button={{ text: "Hide the post", pendingText: "Hiding…", variant: "danger" }}
    />
  );
}

export function RestoreForm({ postId, lastResult }: { postId: number; lastResult: Result }) {
  return (
    <ModerationForm
      formId={`restore-${postId}`}
      postId={postId}
      lastResult={lastResult}
      intent={intents.restorePost}
      schema={restorePostSchema}
      summary="Put this post back…"
      label="Why are you putting it back?"
      hint="For example: hidden by mistake. Your reason is kept in the public record, beside the reason for hiding it."
      rows={2}
      button={{ text: "Put the post back", pendingText: "Putting it back…", variant: "secondary" }}
    />
  );
}

export function DismissReportsForm({ postId, lastResult }: { postId: number; lastResult: Result }) {
  const [form] = useForm({
    id: `dismiss-${postId}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: postRefSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="inline-form">
      <input type="hidden" name="intent" value={intents.dismissReports} />
      <input type="hidden" name="postId" value={postId} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <SubmitButton intent={intents.dismissReports} variant="secondary" pendingText="Dismissing…">
        Dismiss the reports and keep the post
      </SubmitButton>
    </Form>
  );
}
