// Anyone signed in may follow a motion and hear, on their notifications page, when something
// happens to it; and stop at any time.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { FormErrors, SubmitButton } from "~/components/form";
import type { FormReply } from "~/lib/forms.server";
import { followSchema, intents, replyFor } from "./form-schemas";
import type { PageData } from "./route";

const what = "when it is seconded, scheduled or voted on, when the commissioners answer or revise their response, and when a promised action moves";

export function FollowPanel({ page, reply }: { page: PageData; reply: FormReply | undefined }) {
  const intent = page.following ? intents.unfollow : intents.follow;
  const [form] = useForm({
    id: "follow-form",
    lastResult: replyFor(reply, intents.follow) ?? replyFor(reply, intents.unfollow),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: followSchema }),
  });
  if (!page.can.follow) return null;
  return (
    <div id="follow" className="follow">
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <FormErrors id={form.errorId} errors={form.errors} />
        {page.following ? (
          <p>
            <strong>You follow this motion.</strong> You get a notice on your{" "}
            <Link to="/notifications">notifications page</Link> {what}.
          </p>
        ) : (
          <p>
            Follow this motion to get a notice on your <Link to="/notifications">notifications page</Link> {what}.
          </p>
        )}
        <SubmitButton intent={intent} variant="secondary" pendingText={page.following ? "Stopping…" : "Following…"}>
          {page.following ? "Stop following" : "Follow this motion"}
        </SubmitButton>
      </Form>
    </div>
  );
}
