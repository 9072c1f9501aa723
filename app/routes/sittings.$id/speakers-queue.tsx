// The speakers queue on the item in debate: who is speaking and for how long, who is waiting (points
// of order first), and the buttons to join, leave or run the queue. The speaking time is a guide
// shown to everyone; nothing cuts a speaker off.
import { useEffect, useState } from "react";
import { speakerKindLabels } from "../../../server/domain/sitting-rules";
import type { FormReply } from "~/lib/forms.server";
import { FormErrors } from "~/components/form";
import { intents, messagesOf, replyFor } from "./form-schemas";
import { type FormsOnPage, formKey } from "./forms-on-page";
import { LiveForm } from "./live-form";
import type { LiveSitting, LiveState } from "./use-live-sitting";

type Request = LiveState["queue"]["waiting"][number];

function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

/** The server's "now", ticking in the browser once the page is running, corrected for its clock. */
function useServerNow(serverNow: number, offset: number | null): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    if (offset === null) return setNow(serverNow);
    const tick = () => setNow(Date.now() + offset);
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [serverNow, offset]);
  return now;
}

function SpeakingTime({ calledAt, limitSeconds, serverNow, offset }: { calledAt: number; limitSeconds: number | null; serverNow: number; offset: number | null }) {
  const now = useServerNow(serverNow, offset);
  const spoken = now - calledAt;
  const left = limitSeconds === null ? null : limitSeconds * 1000 - spoken;
  return (
    <p className="speaking-time" role="timer">
      Speaking for <strong className="clock">{clock(spoken)}</strong>
      {left === null ? null : left >= 0 ? (
        <>
          {" · "}
          <strong className="clock">{clock(left)}</strong> left of {limitSeconds! / 60} {limitSeconds === 60 ? "minute" : "minutes"}
        </>
      ) : (
        <>
          {" · "}
          <strong className="clock">{clock(-left)}</strong> over the {limitSeconds! / 60} {limitSeconds === 60 ? "minute" : "minutes"}
          <span className="hint"> (a guide only; the chair decides when a speech ends)</span>
        </>
      )}
    </p>
  );
}

const askLabels = {
  speech: "Ask to speak",
  question: "Ask a question",
  point_of_order: "Raise a point of order",
} as const;

export function SpeakersQueue({
  itemId,
  live,
  forms,
  reply,
}: {
  itemId: number;
  live: LiveSitting;
  forms: FormsOnPage;
  reply: FormReply | undefined;
}) {
  const { state, connected } = live;
  const { current, waiting } = state.queue;
  const mineWaiting = new Set(waiting.filter((r) => r.mine).map((r) => r.kind));
  if (current?.mine) mineWaiting.add(current.kind);
  // A refused request for a kind whose button is no longer shown (already queued) is said here.
  const speakReply = reply?.intent === intents.speak ? reply.result : undefined;
  const speakKind = speakReply?.initialValue?.kind;
  const orphanedSpeakErrors = typeof speakKind === "string" && mineWaiting.has(speakKind as Request["kind"]) ? messagesOf(speakReply) : [];
  const byRequest = (intent: string, r: Request) => replyFor(reply, intent, { field: "requestId", id: r.requestId });
  return (
    <section id="speakers" aria-labelledby="speakers-heading" className="panel">
      <h3 id="speakers-heading">Speakers</h3>
      {current ? (
        <div className="current-speaker">
          <p>
            Now speaking: <strong>{current.mine ? `${current.name} (you)` : current.name}</strong>{" "}
            <span className="tag">{speakerKindLabels[current.kind]}</span>
          </p>
          {current.calledAt ? (
            <SpeakingTime
              calledAt={current.calledAt}
              limitSeconds={state.sitting.speakingSeconds}
              serverNow={state.serverNow}
              offset={live.clockOffset}
            />
          ) : null}
          {forms.has(formKey(intents.endSpeech, itemId)) ? (
            <LiveForm id="end-speech" intent={intents.endSpeech} fields={{ itemId }} command="speaker:end" live={connected} lastResult={replyFor(reply, intents.endSpeech)}>
              <button type="submit" className="button secondary">
                End this speech
              </button>
            </LiveForm>
          ) : null}
        </div>
      ) : (
        <p>Nobody is speaking at the moment.</p>
      )}

      <h4>Waiting to speak</h4>
      {waiting.length ? (
        <ol className="queue">
          {waiting.map((r) => (
            <li key={r.requestId}>
              <span className="queue-name">{r.mine ? `${r.name} (you)` : r.name}</span> <span className="tag">{speakerKindLabels[r.kind]}</span>
              {forms.has(formKey(intents.withdraw, r.requestId)) ? (
                <LiveForm
                  id={`withdraw-${r.requestId}`}
                  intent={intents.withdraw}
                  fields={{ requestId: r.requestId }}
                  command="speaker:withdraw"
                  live={connected}
                  lastResult={byRequest(intents.withdraw, r)}
                >
                  {" "}
                  <button type="submit" className="link-button">
                    Withdraw my request<span className="visually-hidden"> ({speakerKindLabels[r.kind].toLowerCase()})</span>
                  </button>
                </LiveForm>
              ) : null}
              {forms.has(formKey(intents.removeRequest, r.requestId)) ? (
                <details className="inline-details">
                  <summary>
                    Remove<span className="visually-hidden"> {r.name}&apos;s request</span>
                  </summary>
                  <LiveForm
                    id={`remove-${r.requestId}`}
                    intent={intents.removeRequest}
                    fields={{ requestId: r.requestId }}
                    command="speaker:withdraw"
                    live={connected}
                    lastResult={byRequest(intents.removeRequest, r)}
                  >
                    <button type="submit" className="button danger">
                      Take {r.name} out of the queue
                    </button>
                  </LiveForm>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">Nobody is waiting to speak.</p>
      )}

      {forms.has(formKey(intents.nextSpeaker, itemId)) ? (
        <LiveForm id="next-speaker" intent={intents.nextSpeaker} fields={{ itemId }} command="speaker:next" live={connected} lastResult={replyFor(reply, intents.nextSpeaker)} className="actions">
          <button type="submit" className="button primary">
            {waiting.length ? `Call the next speaker: ${waiting[0].name}` : "Call the next speaker"}
          </button>
        </LiveForm>
      ) : null}

      {forms.has(formKey(intents.speak, itemId)) ? (
        <div className="ask">
          <p className="hint">
            Points of order go to the front of the queue. Use one when the sitting is not following its rules.
          </p>
          <FormErrors id="ask-errors" errors={orphanedSpeakErrors} />
          <div className="actions">
            {(["speech", "question", "point_of_order"] as const)
              .filter((kind) => !mineWaiting.has(kind))
              .map((kind) => (
                <LiveForm
                  key={kind}
                  id={`ask-${kind}`}
                  intent={intents.speak}
                  fields={{ itemId, kind }}
                  command="speaker:request"
                  live={connected}
                  lastResult={reply?.intent === intents.speak && reply.result.initialValue?.kind === kind ? reply.result : undefined}
                  onDone={(ack) => typeof ack.requestId === "number" && live.ownRequest(ack.requestId)}
                >
                  <button type="submit" className={`button ${kind === "speech" ? "primary" : "secondary"}`}>
                    {askLabels[kind]}
                  </button>
                </LiveForm>
              ))}
          </div>
        </div>
      ) : null}
    </section>
  );
}
