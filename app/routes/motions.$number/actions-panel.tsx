// What the commissioners promised, and what became of each promise: who is responsible, by
// when, where it stands (in words and as a bar with its percentage), whether it is overdue, and
// every dated progress report. Commissioners of the body report progress here.
import type { ReactNode } from "react";
import type { ActionStatus } from "../../../db/schema";
import { actionStatusLabels, isActionOpen, isActionOverdue } from "../../../server/domain/accountability";
import { DAY_MS } from "../../../server/domain/time";
import { FormErrors } from "~/components/form";
import { When } from "~/components/when";
import type { FormReply } from "~/lib/forms.server";
import { plural } from "~/lib/format";
import { ActionUpdateForm } from "./action-update-form";
import { intents, messagesOf } from "./form-schemas";
import type { PageData } from "./route";

export interface ActionLike {
  id: number;
  responseId: number;
  description: string;
  owner: string;
  dueAt: number;
  status: ActionStatus;
  progress: number;
  dropReason: string | null;
  updates: { at: number; note: string; status: ActionStatus; progress: number }[];
}

const statusTone: Record<ActionStatus, string> = { planned: "info", in_progress: "warn", done: "good", dropped: "" };

/** A bar for the eye, and the same number in words beside it: the bar is never the only sign. */
export function ProgressLine({ progress }: { progress: number }) {
  return (
    <span className="progress-line">
      <progress value={progress} max={100} aria-hidden="true" />
      <span>{progress}% done</span>
    </span>
  );
}

/** One action's facts and history; `children` is where a form to report progress goes. */
export function ActionItem({
  action: a,
  n,
  now,
  owed,
  promisedIn,
  updatesAsList = false,
  children,
}: {
  action: ActionLike;
  n: number;
  now: number;
  /** false once the record is closed: open actions are then no longer counted as overdue */
  owed: boolean;
  /** the response version that promised it, when there have been several */
  promisedIn?: number;
  /** print and the story page show every update; the motion page folds them away */
  updatesAsList?: boolean;
  children?: ReactNode;
}) {
  const overdue = owed && isActionOverdue({ status: a.status, due_at: a.dueAt }, now);
  const newestFirst = [...a.updates].reverse();
  const updates = newestFirst.length ? (
    <ol className="updates">
      {newestFirst.map((u, i) => (
        <li key={`${u.at}-${i}`}>
          <p className="meta">
            <When at={u.at} withTime />: {actionStatusLabels[u.status]}, {u.progress}%
          </p>
          <p className="prose">{u.note}</p>
        </li>
      ))}
    </ol>
  ) : (
    <p className="empty">No progress reported yet.</p>
  );
  return (
    <li id={`action-${a.id}`} className="panel action">
      <h3 id={`action-${a.id}-heading`}>
        <span className="number">Action {n}:</span> {a.description}
      </h3>
      <p className="tags">
        <span className={`tag ${statusTone[a.status]}`}>{actionStatusLabels[a.status]}</span>{" "}
        {overdue ? <span className="tag bad">Overdue</span> : null}
      </p>
      <dl className="facts-list">
        <div>
          <dt>Who is responsible</dt>
          <dd>{a.owner}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>
            <When at={a.dueAt} />
            {overdue ? ` (overdue by ${plural(Math.max(0, Math.floor((now - a.dueAt) / DAY_MS)), "day")})` : null}
          </dd>
        </div>
        <div>
          <dt>Progress</dt>
          <dd>
            <ProgressLine progress={a.progress} />
          </dd>
        </div>
        {promisedIn ? (
          <div>
            <dt>Promised in</dt>
            <dd>Response {promisedIn}</dd>
          </div>
        ) : null}
        {a.status === "dropped" && a.dropReason ? (
          <div>
            <dt>Why it was dropped</dt>
            <dd className="prose">{a.dropReason}</dd>
          </div>
        ) : null}
      </dl>
      {updatesAsList ? (
        <>
          <h4>{`Progress updates (${a.updates.length})`}</h4>
          {updates}
        </>
      ) : a.updates.length ? (
        <details>
          <summary>{`Progress updates (${a.updates.length})`}</summary>
          {updates}
        </details>
      ) : (
        updates
      )}
      {children}
    </li>
  );
}

/**
 * "3 actions: 1 done, 2 planned (1 of them overdue)": the whole promise at a glance. Overdue is
 * a flag on an open action, not a status of its own, so it is told inside the count it belongs
 * to and the numbers add up to the total.
 */
export function actionsSummary(actions: ActionLike[], now: number, owed: boolean): string {
  const statuses: ActionStatus[] = ["done", "in_progress", "planned", "dropped"];
  const parts = statuses.flatMap((status) => {
    const these = actions.filter((a) => a.status === status);
    if (!these.length) return [];
    const overdue = owed ? these.filter((a) => isActionOverdue({ status: a.status, due_at: a.dueAt }, now)).length : 0;
    const label = `${these.length} ${actionStatusLabels[status].toLowerCase()}`;
    if (!overdue) return [label];
    if (overdue === these.length) return [`${label} (${these.length === 1 ? "overdue" : "all overdue"})`];
    return [`${label} (${overdue} of them overdue)`];
  });
  return `${plural(actions.length, "action")}: ${parts.join(", ")}.`;
}

export function ActionsSection({ page, reply, now }: { page: PageData; reply: FormReply | undefined; now: number }) {
  const owed = page.motion.response_status !== "closed";
  const several = page.responses.length > 1;
  const versionOf = new Map(page.responses.map((r) => [r.id, r.version]));
  const updateReply = reply?.intent === intents.updateAction ? reply : undefined;
  // A report on an action whose form is gone (settled meanwhile, or not this person's) shows here.
  const strayUpdate =
    updateReply &&
    !page.actions.some(
      (a) => page.can.updateActions && isActionOpen(a.status) && String(a.id) === String(updateReply.result.initialValue?.actionId ?? ""),
    )
      ? messagesOf(updateReply.result)
      : [];
  return (
    <section id="actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">What was promised</h2>
      <FormErrors id="update-action-errors" errors={strayUpdate} />
      {page.actions.length ? (
        <>
          <p>{actionsSummary(page.actions, now, owed)}</p>
          <ol className="plain-list action-list">
            {page.actions.map((a, i) => (
              <ActionItem
                key={a.id}
                action={a}
                n={i + 1}
                now={now}
                owed={owed}
                promisedIn={several ? versionOf.get(a.responseId) : undefined}
              >
                {/* keyed by the number of reports: after one is published the form starts closed and empty */}
                {page.can.updateActions && isActionOpen(a.status) ? (
                  <ActionUpdateForm key={a.updates.length} action={a} n={i + 1} reply={reply} />
                ) : null}
              </ActionItem>
            ))}
          </ol>
        </>
      ) : (
        <p className="empty">
          {page.responses.length
            ? "The response promised no actions."
            : "Nothing has been promised yet. Actions will appear here once the response is published."}
        </p>
      )}
    </section>
  );
}
