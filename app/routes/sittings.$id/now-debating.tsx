// What is happening now: the item in debate with its speakers and its live ballot, or, between
// items, what comes next and the last result.
import { Link } from "@remix-run/react";
import { itemStatusLabels } from "../../../server/domain/sitting-rules";
import { When } from "~/components/when";
import type { FormReply } from "~/lib/forms.server";
import { type FormsOnPage, formKey } from "./forms-on-page";
import { intents, replyFor } from "./form-schemas";
import { BallotResult, LiveBallot, OpenBallotForm } from "./live-ballot";
import { ActionForm } from "./live-form";
import { SpeakersQueue } from "./speakers-queue";
import type { LiveSitting } from "./use-live-sitting";

function Between({ live, forms, reply }: { live: LiveSitting; forms: FormsOnPage; reply: FormReply | undefined }) {
  const { sitting, items } = live.state;
  const waiting = items.filter((i) => i.status === "pending");
  if (sitting.status === "scheduled") {
    return (
      <p>
        The sitting has not started yet. It is due to start <When at={sitting.startsAt} withTime />. This page shows the
        debate and the votes as they happen.
      </p>
    );
  }
  if (sitting.status === "suspended") {
    return <p>The sitting is suspended for a break. It will carry on when the chair resumes it.</p>;
  }
  return (
    <>
      <p>
        {waiting.length
          ? `No item is being debated right now. Next on the agenda: ${waiting[0].motion.number}, ${waiting[0].motion.title}.`
          : "No item is being debated right now, and no items are waiting on the agenda."}
      </p>
      {forms.has(intents.nextItem) ? (
        <ActionForm id="next-item" intent={intents.nextItem} lastResult={replyFor(reply, intents.nextItem)} variant="primary" pendingText="Taking it up…" className="actions no-print">
          Next item: {waiting[0].motion.number}
        </ActionForm>
      ) : null}
    </>
  );
}

export function NowDebating({ live, forms, reply }: { live: LiveSitting; forms: FormsOnPage; reply: FormReply | undefined }) {
  const { state } = live;
  const active = state.items.find((i) => i.id === state.activeItemId) ?? null;
  const ballots = state.items.flatMap((i) => i.ballots.map((b) => ({ b, number: i.motion.number })));
  const latest = ballots.sort((x, y) => y.b.id - x.b.id)[0];
  const lastResult = latest && latest.b.status === "closed" && !state.liveBallot ? latest : null;
  return (
    <section id="now" aria-labelledby="now-heading">
      <h2 id="now-heading">{active ? "Now being debated" : "Now"}</h2>
      {active ? (
        <>
          <p className="now-title">
            <Link to={`/motions/${active.motion.number}`}>
              <span className="number">{active.motion.number}</span> {active.motion.title}
            </Link>{" "}
            <span className="tag info">{itemStatusLabels[active.status]}</span>
          </p>
          {active.motion.summary ? <p>{active.motion.summary}</p> : null}
          {forms.has(formKey(intents.adjourn, active.id)) ? (
            <ActionForm
              id="adjourn"
              intent={intents.adjourn}
              fields={{ itemId: active.id }}
              lastResult={replyFor(reply, intents.adjourn, { field: "itemId", id: active.id })}
              pendingText="Adjourning…"
              className="actions no-print"
            >
              Adjourn the debate<span className="visually-hidden"> on {active.motion.number}</span>
            </ActionForm>
          ) : null}
        </>
      ) : (
        <Between live={live} forms={forms} reply={reply} />
      )}
      {lastResult ? <BallotResult b={lastResult.b} number={lastResult.number} /> : null}
      {active && state.liveBallot ? <LiveBallot b={state.liveBallot} itemId={active.id} live={live} forms={forms} reply={reply} /> : null}
      {active && forms.has(formKey(intents.openBallot, active.id)) ? (
        <div className="no-print">
          <OpenBallotForm itemId={active.id} reply={reply} />
        </div>
      ) : null}
      {active ? <SpeakersQueue itemId={active.id} live={live} forms={forms} reply={reply} /> : null}
    </section>
  );
}
