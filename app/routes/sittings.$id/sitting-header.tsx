// The sitting's title, time, place and state, whether the page is live, and the chair's controls
// for the sitting as a whole. Closing asks for confirmation: it ends the sitting for good. So does
// opening well before the scheduled time: members may not be there yet, and the record will say
// the sitting was held then.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormErrors, SubmitButton } from "~/components/form";
import { When } from "~/components/when";
import type { FormReply } from "~/lib/forms.server";
import { plural } from "~/lib/format";
import { type FormsOnPage } from "./forms-on-page";
import { intents, messagesOf, replyFor } from "./form-schemas";
import { ActionForm } from "./live-form";
import { EARLY_OPEN_MS, SittingStatusTag, WhereAndWhen, heldOffSchedule } from "./sitting-summary";
import type { LiveSitting } from "./use-live-sitting";

function LiveIndicator({ status }: { status: LiveSitting["status"] }) {
  if (status === "static") {
    return <p className="live-indicator static">Reload the page to see the latest.</p>;
  }
  return (
    <p className={`live-indicator ${status}`}>
      <span className="dot" aria-hidden="true" />
      {status === "live" ? "Live: changes appear as they happen" : "Reconnecting… Reload the page if this lasts."}
    </p>
  );
}

/** A step the chair confirms: it opens to say what will happen, and opens itself again on an error. */
function ConfirmStep({
  intent,
  reply,
  summary,
  children,
  button,
}: {
  intent: typeof intents.open | typeof intents.close;
  reply: FormReply | undefined;
  summary: string;
  children: ReactNode;
  button: { text: string; pendingText: string; variant: "primary" | "danger" };
}) {
  const errors = messagesOf(replyFor(reply, intent));
  const id = `${intent}-sitting`;
  return (
    <details className="confirm" open={errors.length ? true : undefined}>
      <summary>{summary}</summary>
      <p>{children}</p>
      <Form method="post" id={id}>
        <FormErrors id={`${id}-errors`} errors={errors} />
        <SubmitButton intent={intent} variant={button.variant} pendingText={button.pendingText}>
          {button.text}
        </SubmitButton>
      </Form>
    </details>
  );
}

const CloseSitting = ({ reply }: { reply: FormReply | undefined }) => (
  <ConfirmStep intent={intents.close} reply={reply} summary="Close the sitting…" button={{ text: "Close the sitting now", pendingText: "Closing…", variant: "danger" }}>
    Closing ends the sitting for good. An item still in debate is adjourned, and motions not reached go back to the seconded
    motions for another sitting. The minutes are then published.
  </ConfirmStep>
);

/** "3 hours" or "8 days": how long until the scheduled start, roughly. */
function timeUntil(ms: number): string {
  const hours = Math.round(ms / (60 * 60 * 1000));
  return hours < 48 ? plural(hours, "hour") : plural(Math.round(hours / 24), "day");
}

const OpenEarly = ({ startsAt, now, reply }: { startsAt: number; now: number; reply: FormReply | undefined }) => (
  <ConfirmStep intent={intents.open} reply={reply} summary="Open the sitting early…" button={{ text: "Open the sitting now", pendingText: "Opening…", variant: "primary" }}>
    This sitting is scheduled for <When at={startsAt} withTime />, about {timeUntil(startsAt - now)} from now. Open it now
    only if it is meeting now: members can then speak and vote, and the minutes will record it as held today.
  </ConfirmStep>
);

export function SittingHeader({ live, forms, reply }: { live: LiveSitting; forms: FormsOnPage; reply: FormReply | undefined }) {
  const { sitting, serverNow } = live.state;
  const early = sitting.status === "scheduled" && sitting.startsAt - serverNow > EARLY_OPEN_MS;
  return (
    <header className="sitting-header">
      <h1>{sitting.title}</h1>
      <p className="meta">
        <SittingStatusTag status={sitting.status} /> <WhereAndWhen sitting={sitting} />
      </p>
      {heldOffSchedule(sitting) ? (
        <p className="meta">
          It was scheduled for <When at={sitting.startsAt} withTime />.
        </p>
      ) : null}
      {sitting.speakingSeconds ? (
        <p className="meta">
          Speaking time: about {sitting.speakingSeconds / 60} {sitting.speakingSeconds === 60 ? "minute" : "minutes"} each. It is a
          guide: nobody is cut off.
        </p>
      ) : null}
      {sitting.status !== "closed" ? <LiveIndicator status={live.status} /> : null}
      {forms.has(intents.open) || forms.has(intents.suspend) || forms.has(intents.resume) || forms.has(intents.close) ? (
        <div className="chair-controls no-print" aria-label="Running the sitting" role="group">
          {forms.has(intents.open) && early ? <OpenEarly startsAt={sitting.startsAt} now={serverNow} reply={reply} /> : null}
          {forms.has(intents.open) && !early ? (
            <ActionForm id="open-sitting" intent={intents.open} lastResult={replyFor(reply, intents.open)} variant="primary" pendingText="Opening…">
              Open the sitting
            </ActionForm>
          ) : null}
          {forms.has(intents.resume) ? (
            <ActionForm id="resume-sitting" intent={intents.resume} lastResult={replyFor(reply, intents.resume)} variant="primary" pendingText="Resuming…">
              Resume the sitting
            </ActionForm>
          ) : null}
          {forms.has(intents.suspend) ? (
            <ActionForm id="suspend-sitting" intent={intents.suspend} lastResult={replyFor(reply, intents.suspend)} pendingText="Suspending…">
              Suspend for a break
            </ActionForm>
          ) : null}
          {forms.has(intents.close) ? <CloseSitting reply={reply} /> : null}
        </div>
      ) : null}
    </header>
  );
}
