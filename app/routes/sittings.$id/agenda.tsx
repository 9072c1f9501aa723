// The agenda in order: each motion with its item's state and, once decided, its result; for the
// chair, the controls to build and run it. Taking an item off asks for confirmation.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import type { z } from "zod";
import { outcomeLabels } from "../../../server/domain/ballot-outcome";
import { itemStatusLabels } from "../../../server/domain/sitting-rules";
import { FormErrors, SelectField, SubmitButton } from "~/components/form";
import type { FormReply } from "~/lib/forms.server";
import { type FormsOnPage, formKey } from "./forms-on-page";
import { agendaAddSchema, intents, messagesOf, replyFor, validateTiming } from "./form-schemas";
import { ActionForm } from "./live-form";
import type { LiveState } from "./use-live-sitting";

type Item = LiveState["items"][number];

const itemTone: Record<Item["status"], string> = { pending: "", debating: "info", voting: "warn", decided: "good", adjourned: "" };

function AddToAgenda({ candidates, reply }: { candidates: LiveState["candidates"]; reply: FormReply | undefined }) {
  const [form, fields] = useForm<z.input<typeof agendaAddSchema>>({
    id: "add-item",
    lastResult: replyFor(reply, intents.addItem),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: agendaAddSchema }),
    ...validateTiming,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="panel wash no-print">
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        meta={fields.motionId}
        label="Add a seconded motion to the agenda"
        hint="Only motions with enough seconders can be debated. They go to the end of the agenda."
        placeholder="Choose a motion"
        options={candidates.map((c) => ({ value: String(c.id), label: `${c.number}: ${c.title}` }))}
      />
      <SubmitButton intent={intents.addItem} pendingText="Adding…">
        Add to the agenda
      </SubmitButton>
    </Form>
  );
}

function ItemControls({ item, first, last, forms, reply }: { item: Item; first: boolean; last: boolean; forms: FormsOnPage; reply: FormReply | undefined }) {
  const ref = { field: "itemId", id: item.id };
  const moveReply = replyFor(reply, intents.moveItem, ref);
  const removeReply = replyFor(reply, intents.removeItem, ref);
  const canMove = forms.has(formKey(intents.moveItem, item.id));
  const name = <span className="visually-hidden"> {item.motion.number}</span>;
  return (
    <div className="item-controls no-print">
      {forms.has(formKey(intents.startItem, item.id)) ? (
        <ActionForm id={`start-${item.id}`} intent={intents.startItem} fields={{ itemId: item.id }} lastResult={replyFor(reply, intents.startItem, ref)} variant="primary" pendingText="Taking it up…">
          {item.status === "adjourned" ? "Take up again" : "Take up now"}
          {name}
        </ActionForm>
      ) : null}
      {canMove && !first ? (
        <ActionForm id={`up-${item.id}`} intent={intents.moveItem} fields={{ itemId: item.id, direction: "up" }} lastResult={undefined} pendingText="Moving…">
          Move up{name}
        </ActionForm>
      ) : null}
      {canMove && !last ? (
        <ActionForm id={`down-${item.id}`} intent={intents.moveItem} fields={{ itemId: item.id, direction: "down" }} lastResult={undefined} pendingText="Moving…">
          Move down{name}
        </ActionForm>
      ) : null}
      <FormErrors id={`move-${item.id}-errors`} errors={messagesOf(moveReply)} />
      {forms.has(formKey(intents.removeItem, item.id)) ? (
        <details className="confirm" open={removeReply?.error ? true : undefined}>
          <summary>
            Take off the agenda…<span className="visually-hidden"> {item.motion.number}</span>
          </summary>
          <p>The motion goes back to the seconded motions, ready for another sitting.</p>
          <ActionForm id={`remove-${item.id}`} intent={intents.removeItem} fields={{ itemId: item.id }} lastResult={removeReply} variant="danger" pendingText="Taking it off…">
            Take {item.motion.number} off the agenda
          </ActionForm>
        </details>
      ) : null}
    </div>
  );
}

export function Agenda({ state, forms, reply }: { state: LiveState; forms: FormsOnPage; reply: FormReply | undefined }) {
  const movable = state.items.filter((i) => forms.has(formKey(intents.moveItem, i.id)));
  return (
    <section id="agenda" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">Agenda</h2>
      {state.items.length ? (
        <ol className="agenda">
          {state.items.map((item) => {
            const decided = [...item.ballots].reverse().find((b) => b.status === "closed" && b.outcome);
            return (
              <li key={item.id} className={item.id === state.activeItemId ? "active" : undefined}>
                <p className="agenda-title">
                  <Link to={`/motions/${item.motion.number}`}>
                    <span className="number">{item.motion.number}</span> {item.motion.title}
                  </Link>
                </p>
                <p className="meta">
                  <span className={`tag ${itemTone[item.status]}`}>{itemStatusLabels[item.status]}</span>
                  {decided?.outcome ? <> · Result: {outcomeLabels[decided.outcome].toLowerCase()}</> : null}
                </p>
                {item.motion.summary ? <p className="list-summary">{item.motion.summary}</p> : null}
                <ItemControls item={item} first={movable[0]?.id === item.id} last={movable.at(-1)?.id === item.id} forms={forms} reply={reply} />
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="empty">
          {state.can.chair
            ? "Nothing is on the agenda yet. Add seconded motions below."
            : "Nothing is on the agenda yet. The chair adds seconded motions before the sitting."}
        </p>
      )}
      {forms.has(intents.addItem) ? <AddToAgenda candidates={state.candidates} reply={reply} /> : null}
      {state.can.chair && !forms.has(intents.addItem) ? (
        <p className="hint no-print">No seconded motions are waiting for a sitting at the moment.</p>
      ) : null}
    </section>
  );
}
