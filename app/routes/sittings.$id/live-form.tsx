// A small form that goes over the live connection when there is one (acknowledged at once, no
// page load) and is an ordinary form post otherwise. Errors show beside the button either way.
import { Form, useSubmit } from "@remix-run/react";
import { type ReactNode, useState } from "react";
import type { SubmissionResult } from "@conform-to/react";
import { FormErrors, SubmitButton } from "~/components/form";
import { type Ack, sendCommand } from "~/lib/live";
import { messagesOf } from "./form-schemas";

export function LiveForm({
  id,
  intent,
  fields,
  command,
  live,
  lastResult,
  onDone,
  className,
  children,
}: {
  /** unique on the page; the error box is tied to it */
  id: string;
  intent: string;
  /** hidden fields, sent with the form post and as the command's payload */
  fields: Record<string, string | number>;
  command: string;
  live: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
  onDone?: (ack: Extract<Ack, { ok: true }>) => void;
  className?: string;
  children: ReactNode;
}) {
  const submit = useSubmit();
  const [liveError, setLiveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = liveError ? [liveError] : messagesOf(lastResult);
  return (
    <Form
      method="post"
      id={id}
      className={className ?? "inline-form"}
      aria-describedby={errors.length ? `${id}-errors` : undefined}
      onSubmit={async (event) => {
        if (!live) return;
        event.preventDefault();
        const form = event.currentTarget;
        if (busy) return;
        setBusy(true);
        const ack = await sendCommand(command, fields);
        setBusy(false);
        if (ack === null) {
          submit(form, { method: "post" });
        } else if (!ack.ok) {
          setLiveError(ack.error.message);
        } else {
          setLiveError(null);
          onDone?.(ack);
        }
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormErrors id={`${id}-errors`} errors={errors} />
      {children}
    </Form>
  );
}

/** One button that posts one intent (with its hidden ids); refusals show beside it. */
export function ActionForm({
  id,
  intent,
  fields = {},
  lastResult,
  variant = "secondary",
  pendingText,
  className,
  children,
}: {
  id: string;
  intent: string;
  fields?: Record<string, string | number>;
  lastResult: SubmissionResult<string[]> | undefined;
  variant?: "primary" | "secondary" | "danger";
  pendingText?: string;
  className?: string;
  children: ReactNode;
}) {
  const errors = messagesOf(lastResult);
  return (
    <Form method="post" id={id} className={className ?? "inline-form"} aria-describedby={errors.length ? `${id}-errors` : undefined}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormErrors id={`${id}-errors`} errors={errors} />
      <SubmitButton intent={intent} variant={variant} pendingText={pendingText}>
        {children}
      </SubmitButton>
    </Form>
  );
}
