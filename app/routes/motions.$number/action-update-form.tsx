// A commissioner reports progress on one promised action: where it stands, how far along, what
// happened, and why, if it was dropped. Each report is dated and kept.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { actionStatusLabels } from "../../../server/domain/accountability";
import { FormErrors, RadioGroup, SubmitButton, TextArea, TextField } from "~/components/form";
import type { FormReply } from "~/lib/forms.server";
import { actionUpdateSchema, intents, replyFor, validateTiming } from "./form-schemas";
import type { PageData } from "./route";

type ActionData = PageData["actions"][number];

export function ActionUpdateForm({ action, n, reply }: { action: ActionData; n: number; reply: FormReply | undefined }) {
  const lastResult = replyFor(reply, intents.updateAction, { field: "actionId", id: action.id });
  const [form, fields] = useForm<z.input<typeof actionUpdateSchema>>({
    id: `update-action-${action.id}`,
    lastResult,
    defaultValue: { status: action.status, progress: action.progress },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: actionUpdateSchema }),
    ...validateTiming,
  });
  return (
    <details className="update-action" open={lastResult?.error ? true : undefined}>
      <summary>Report progress on action {n}</summary>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intents.updateAction} />
        <input type="hidden" name="actionId" value={action.id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <RadioGroup
          meta={fields.status}
          legend="Where does it stand?"
          options={[
            { value: "planned", label: `${actionStatusLabels.planned}.`, hint: "Not started yet (0%)." },
            { value: "in_progress", label: `${actionStatusLabels.in_progress}.`, hint: "Under way: give a percentage below 100." },
            { value: "done", label: `${actionStatusLabels.done}.`, hint: "Delivered. Done always counts as 100%." },
            { value: "dropped", label: `${actionStatusLabels.dropped}.`, hint: "It will not be done: say why below." },
          ]}
        />
        <TextField meta={fields.progress} type="number" label="Progress, in percent" hint="A whole number from 0 to 100." />
        <TextArea
          meta={fields.note}
          label="What happened"
          hint="A short note for the public record: what was done since the last report. At least 5 characters."
          rows={3}
        />
        <TextArea
          meta={fields.dropReason}
          label="Why it was dropped (only if you chose Dropped)"
          hint="Members and the public will read this beside the action."
          rows={2}
        />
        <SubmitButton intent={intents.updateAction} pendingText="Publishing…">
          Publish this progress report
        </SubmitButton>
      </Form>
    </details>
  );
}
