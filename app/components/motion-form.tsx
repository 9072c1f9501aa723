// The one form for writing a motion, used to raise one, to edit a draft and to edit a published
// motion nobody has seconded yet. The screen supplies its own buttons (save, publish).
import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useFetcher } from "@remix-run/react";
import { type FormEvent, type ReactNode, useEffect, useRef } from "react";
import type { MotionStatus } from "../../db/schema";
import { InvalidInput } from "../../server/domain/errors";
import { statusLabels } from "../../server/domain/motion-state";
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

/** Published motions like the title being written, and the words they were found for. */
export interface SimilarMotions {
  text: string;
  motions: { number: string; title: string; status: MotionStatus }[];
}

/** Wait for a pause in typing before asking, so each keystroke is not a request. */
const SIMILAR_DELAY_MS = 500;

/**
 * "Has someone already raised this?" Without JavaScript the button posts the form (intent
 * `similar`) and the page comes back with the member's words kept and the list filled in. With
 * it, the list follows the title as it is typed, announced politely, and the button asks at once.
 */
function SimilarMotionsBox({ found, onCheck }: { found: SimilarMotions | null; onCheck: () => void }) {
  const check = (event: { preventDefault(): void }) => {
    event.preventDefault();
    onCheck();
  };
  return (
    <div className="field">
      <div className="actions">
        <button type="submit" name="intent" value="similar" className="button secondary" onClick={check}>
          Check for similar motions
        </button>
      </div>
      <div aria-live="polite" id="similar-motions">
        {found ? (
          <div className="similar-motions">
            {!found.text ? (
              <p>Type a title first, then check again.</p>
            ) : found.motions.length ? (
              <>
                <p>
                  {found.motions.length === 1 ? "This motion looks" : "These motions look"} similar to “{found.text}”. Someone may
                  already have raised what you have in mind, so have a look before you publish:
                </p>
                <ul>
                  {found.motions.map((m) => (
                    <li key={m.number}>
                      {/* A new tab, so what the member has typed here is not lost. */}
                      <a href={`/motions/${m.number}`} target="_blank" rel="noreferrer">
                        <span className="number">{m.number}</span>: {m.title}
                        <span className="visually-hidden"> (opens in a new tab)</span>
                      </a>{" "}
                      <span className="meta">({statusLabels[m.status]})</span>
                    </li>
                  ))}
                </ul>
                <p className="hint">Links open in a new tab. If yours is different, carry on below.</p>
              </>
            ) : (
              <p>No published motion looks like “{found.text}”. Your motion seems to be new.</p>
            )}
          </div>
        ) : null}
      </div>
    </div>
  );
}

export function MotionForm({
  id,
  bodies,
  defaultValue,
  lastResult,
  similar,
  children,
}: {
  id: string;
  bodies: { id: number; name: string }[];
  defaultValue?: MotionFormValues;
  lastResult?: SubmissionResult<string[]>;
  /** offer the "similar motions" check (raising a new motion); the list from a no-JS check */
  similar?: { initial: SimilarMotions | null };
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
  const formRef = useRef<HTMLFormElement>(null);
  const titleValue = () => {
    const input = formRef.current?.elements.namedItem(fields.title.name);
    return input instanceof HTMLInputElement ? input.value : "";
  };
  const similarFetcher = useFetcher<SimilarMotions>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const asked = useRef("");
  useEffect(() => () => clearTimeout(timer.current), []);
  const askSimilar = (text: string) => {
    asked.current = text;
    similarFetcher.load(`/motions/similar?text=${encodeURIComponent(text)}`);
  };
  const onTitleInput = (event: FormEvent<HTMLFormElement>) => {
    if (!similar || (event.target as HTMLInputElement).name !== fields.title.name) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const text = titleValue().trim();
      if (text.length >= 5 && text !== asked.current) askSimilar(text);
    }, SIMILAR_DELAY_MS);
  };
  return (
    <Form method="post" {...getFormProps(form)} className="motion-form" ref={formRef} onInput={onTitleInput}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.title} label="Title" hint="A short headline for the motion, between 5 and 150 characters." />
      {similar ? <SimilarMotionsBox found={similarFetcher.data ?? similar.initial} onCheck={() => askSimilar(titleValue().trim())} /> : null}
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
