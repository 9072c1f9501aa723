// A commissioner whose response will be late says why and when it will come. It is public at
// once, and it does not stop the clock: a late response is still shown as late.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { FormErrors, SubmitButton, TextArea } from "~/components/form";
import type { FormReply } from "~/lib/forms.server";
import { DateField } from "./date-field";
import { holdingReplySchema, intents, replyFor, validateTiming } from "./form-schemas";

export function HoldingReplyForm({ reply }: { reply: FormReply | undefined }) {
  const lastResult = replyFor(reply, intents.holdingReply);
  const [form, fields] = useForm<z.input<typeof holdingReplySchema>>({
    id: "holding-reply",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: holdingReplySchema }),
    ...validateTiming,
  });
  return (
    <details className="panel" open={lastResult?.error ? true : undefined}>
      <summary>The response will be late: post a holding reply</summary>
      <p>
        Say in public why the response is late and when it will come. The clock keeps running: the due date does not
        change, and a response published after it is still shown as late.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intents.holdingReply} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextArea meta={fields.reason} label="Why is the response late?" hint="Plain words, at least 20 characters." rows={4} />
        <DateField meta={fields.expectedDate} label="When will the response come?" hint="The date you expect to publish it: today or later." />
        <SubmitButton intent={intents.holdingReply} pendingText="Publishing…">
          Publish the holding reply
        </SubmitButton>
      </Form>
    </details>
  );
}
