// The chair may close a motion's accountability record, with a reason everyone can read. It
// ends the clock and the progress reports, so it sits behind a deliberate second step.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { FormErrors, SubmitButton, TextArea } from "~/components/form";
import type { FormReply } from "~/lib/forms.server";
import { closeRecordSchema, intents, replyFor, validateTiming } from "./form-schemas";

export function CloseRecordForm({ reply }: { reply: FormReply | undefined }) {
  const lastResult = replyFor(reply, intents.closeRecord);
  const [form, fields] = useForm<z.input<typeof closeRecordSchema>>({
    id: "close-record",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: closeRecordSchema }),
    ...validateTiming,
  });
  return (
    <details className="panel" open={lastResult?.error ? true : undefined}>
      <summary>Close this record</summary>
      <p>
        Closing the record ends it: no more responses, holding replies or progress reports, and nothing is counted as
        overdue any more. Everything published so far stays on the record with your reason. This cannot be undone.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intents.closeRecord} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextArea
          meta={fields.reason}
          label="Why are you closing it?"
          hint="Your reason is shown on this page and in the public record. At least 10 characters."
          rows={3}
        />
        <SubmitButton intent={intents.closeRecord} variant="danger" pendingText="Closing…">
          Close the record
        </SubmitButton>
      </Form>
    </details>
  );
}
