// The one form for writing a motion, used to raise one, to edit a draft and to edit a published
// motion nobody has seconded yet. The screen supplies its own buttons (save, publish).
import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { InvalidInput } from "../../server/domain/errors";
import { MAX_TOPICS, motionSchema } from "../../server/domain/schemas/motion";
import { FormErrors, SelectField, TextArea, TextField } from "./form";

export interface MotionFormValues {
  title: string;
  text: string;
  rationale: string;
  summary: string;
  /** comma-separated, as the person types them */
  topics: string;
  bodyId: string;
}

/** A stored motion as the form's starting values. */
export function motionFormValues(
  motion: { title: string; text: string; rationale: string; summary: string; body_id: number },
  topics: string[],
): MotionFormValues {
  return {
    title: motion.title,
    text: motion.text,
    rationale: motion.rationale,
    summary: motion.summary,
    topics: topics.join(", "),
    bodyId: String(motion.body_id),
  };
}

/**
 * A body id from a stale page or a hand-made request gets a message beside the select, rather
 * than the service's "no such body" 404 page. Thrown inside handleForm, it becomes a 400.
 */
export function assertListedBody(bodies: { id: number }[], bodyId: number): void {
  if (!bodies.some((b) => b.id === bodyId)) {
    const message = "Choose a commissioning body from the list.";
    throw new InvalidInput(message, { bodyId: [message] });
  }
}

export function MotionForm({
  id,
  bodies,
  defaultValue,
  lastResult,
  children,
}: {
  id: string;
  bodies: { id: number; name: string }[];
  defaultValue?: MotionFormValues;
  lastResult?: SubmissionResult<string[]>;
  /** the submit buttons */
  children: ReactNode;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: motionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="motion-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.title} label="Title" hint="A short headline for the motion, between 5 and 150 characters." />
      <TextArea
        meta={fields.text}
        label="Motion text"
        hint="Start with 'This parliament calls on…' and say what you want to happen. This is the text members second and vote on."
        rows={6}
      />
      <TextArea
        meta={fields.rationale}
        label="Why this matters"
        hint="Tell members why this is important to you and to others. Your own experience counts."
        rows={6}
      />
      <TextArea
        meta={fields.summary}
        label="Plain-language summary (optional)"
        hint="One or two everyday sentences, for people who are new to this. Up to 500 characters."
        rows={3}
      />
      <TextField
        meta={fields.topics}
        label="Topics (optional)"
        hint={`Up to ${MAX_TOPICS}, separated by commas. For example: peer support, carers, crisis care.`}
      />
      <SelectField
        meta={fields.bodyId}
        label="Commissioning body"
        hint="Who would need to act on this? If the motion is carried, this body must answer it in public."
        placeholder="Choose a body"
        options={bodies.map((b) => ({ value: String(b.id), label: b.name }))}
      />
      <div className="actions">{children}</div>
    </Form>
  );
}
