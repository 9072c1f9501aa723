// What only the proposer can do: edit the text before anyone seconds it, or withdraw the motion
// before a vote. Withdrawing asks for a reason and a second, deliberate click.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import type { z } from "zod";
import { FormErrors, SubmitButton, TextArea } from "~/components/form";
import type { FormReply } from "~/lib/forms.server";
import { intents, messagesOf, replyFor, withdrawSchema, validateTiming } from "./form-schemas";
import type { PageData } from "./route";

export function ProposerPanel({ page, reply }: { page: PageData; reply: FormReply | undefined }) {
  const lastResult = replyFor(reply, intents.withdraw);
  const [form, fields] = useForm<z.input<typeof withdrawSchema>>({
    id: "withdraw",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: withdrawSchema }),
    ...validateTiming,
  });
  if (!page.viewerIsProposer) return null;
  const { can } = page;
  if (!can.edit && !can.withdraw) {
    // The form is gone (say, a vote started meanwhile), but the reason it failed must still show.
    return lastResult ? <FormErrors id="withdraw-errors" errors={messagesOf(lastResult)} /> : null;
  }
  const failed = Boolean(form.errors?.length || fields.reason.errors?.length);
  return (
    <section id="your-motion" className="panel" aria-labelledby="your-motion-heading">
      <h2 id="your-motion-heading">Your motion</h2>
      {can.edit ? (
        <p>
          <Link to={`/motions/${page.motion.number}/edit`}>Edit the motion</Link>. You can change the text until
          someone seconds it. After that it stays as it is, because seconders backed the words they read.
        </p>
      ) : (
        <p>The text can no longer be changed, because it has been seconded.</p>
      )}
      {can.withdraw ? (
        <details open={failed || undefined}>
          <summary>Withdraw this motion</summary>
          <p>
            Withdrawing ends the motion: it will not go to a vote, and the discussion closes. It stays on the public
            record with your reason. This cannot be undone.
          </p>
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value={intents.withdraw} />
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextArea
              meta={fields.reason}
              label="Why are you withdrawing it?"
              hint="Your reason is shown on this page and in the public record. At least 10 characters."
              rows={3}
            />
            <SubmitButton intent={intents.withdraw} variant="danger" pendingText="Withdrawing…">
              Withdraw the motion
            </SubmitButton>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
