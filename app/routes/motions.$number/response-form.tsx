// The commissioner's response: a position, reasons, a plain summary, and the actions that will
// follow. Spare action rows are offered and blank ones left out. "Add more action rows" is a
// Conform list intent: with JavaScript it adds a row in place; without, it is a plain submit
// that comes back with one more row and everything typed still there.
import { type FieldMetadata, getFieldsetProps, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { MAX_ACTIONS, calendarDate } from "../../../server/domain/schemas/accountability";
import { positionLabels } from "../../../server/domain/schemas/response";
import { FieldErrors, FormErrors, RadioGroup, SubmitButton, TextArea, TextField } from "~/components/form";
import { useTimeZone } from "~/components/when";
import type { FormReply } from "~/lib/forms.server";
import { DateField } from "./date-field";
import { EMPTY_ACTION_ROWS, intents, replyFor, responseSchemaFor, validateTiming } from "./form-schemas";

type ActionRow = {
  description: string;
  owner: string;
  dueDate: string;
};

/** The form's shape as typed (the schema's own input type is loose where blank rows are dropped). */
type ResponseFields = {
  position: string;
  reasons: string;
  summary: string;
  actions: ActionRow[];
};

const blankRow: ActionRow = { description: "", owner: "", dueDate: "" };

function ActionRowFields({ meta, n, today }: { meta: FieldMetadata<ActionRow>; n: number; today: string }) {
  const row = meta.getFieldset();
  return (
    <fieldset {...getFieldsetProps(meta)} className="action-row">
      <legend>Action {n}</legend>
      <TextArea meta={row.description} label="What will be done" rows={2} />
      <TextField
        meta={row.owner}
        label="Who is responsible"
        hint="A team or role, not a person's name: for example, Adult social care assessment team."
      />
      <DateField meta={row.dueDate} label="Due date" hint="The date it will be done by: today or later." min={today} />
    </fieldset>
  );
}

export function ResponseForm({ reply, revision, now }: { reply: FormReply | undefined; revision: boolean; now: number }) {
  // The same "today" the service checks due dates against: the loader's clock, the parliament's zone.
  const today = calendarDate(now, useTimeZone());
  const lastResult = replyFor(reply, intents.respond);
  const [form, fields] = useForm<ResponseFields>({
    id: "respond",
    lastResult,
    defaultValue: { actions: Array.from({ length: EMPTY_ACTION_ROWS }, () => blankRow) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: responseSchemaFor(today) }),
    ...validateTiming,
  });
  const rows = fields.actions.getFieldList();
  const actionsHintId = `${fields.actions.id}-hint`;
  return (
    <section className="panel" aria-labelledby="respond-heading">
      <h3 id="respond-heading">{revision ? "Publish a revised response" : "Publish your response"}</h3>
      <p>
        Your response is published at once, in public, and stays on the record.
        {revision ? " The earlier response stays beside it, with what changed shown." : null}
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intents.respond} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <RadioGroup
          meta={fields.position}
          legend="Your position"
          options={[
            { value: "accept", label: `${positionLabels.accept}.`, hint: "You will do what the motion asks. List at least one action below." },
            {
              value: "accept_in_part",
              label: `${positionLabels.accept_in_part}.`,
              hint: "You will do some of what it asks. List at least one action, and explain what you will not do.",
            },
            { value: "decline", label: `${positionLabels.decline}.`, hint: "You will not do what it asks. Explain why." },
          ]}
        />
        <TextArea
          meta={fields.reasons}
          label="Your reasons"
          hint="Explain your position in plain words: what you will do, and why, or why not. At least 20 characters."
          rows={8}
        />
        <TextArea
          meta={fields.summary}
          label="Plain-language summary"
          hint="One or two short sentences for people who will not read the whole response. At least 10 characters."
          rows={3}
        />
        <fieldset
          id="action-rows"
          className="field action-rows"
          aria-describedby={[actionsHintId, fields.actions.errors?.length ? fields.actions.errorId : null].filter(Boolean).join(" ")}
        >
          <legend>The actions you will take</legend>
          <p id={actionsHintId} className="hint">
            Each action says what will be done, who is responsible and by when. Members and the public will see its
            progress. Leave spare rows empty; they are left out. Declining needs no actions.
          </p>
          <FieldErrors id={fields.actions.errorId} errors={fields.actions.errors} />
          {rows.map((row, i) => (
            <ActionRowFields key={row.key ?? row.name} meta={row} n={i + 1} today={today} />
          ))}
          {rows.length < MAX_ACTIONS ? (
            <button {...form.insert.getButtonProps({ name: fields.actions.name, defaultValue: blankRow })} className="button secondary">
              Add more action rows
            </button>
          ) : (
            <p className="hint">A response can list at most {MAX_ACTIONS} actions.</p>
          )}
        </fieldset>
        {/* Publishing is permanent, so the real button waits behind one more deliberate step. */}
        <details className="confirm" open={lastResult?.error ? true : undefined}>
          <summary>{revision ? "Publish the revised response…" : "Publish the response…"}</summary>
          <p>
            Your response goes on the public record straight away, for members and the public to read. It cannot be
            withdrawn or edited afterwards. You will report progress on each action as it happens.
          </p>
          <SubmitButton intent={intents.respond} pendingText="Publishing…">
            {revision ? "Yes, publish the revised response now" : "Yes, publish the response now"}
          </SubmitButton>
        </details>
      </Form>
    </section>
  );
}
