// The motion itself: number, title, where it stands, who raised it, and its words.
import { isOverdue } from "../../../server/domain/response-clock";
import { ResponseTag, StatusTag } from "~/components/status-tag";
import { When } from "~/components/when";
import type { PageData } from "./route";

export function MotionHeader({ page, now }: { page: PageData; now: number }) {
  const m = page.motion;
  return (
    <header className="motion-header">
      <h1>
        <span className="number">{m.number}:</span> {m.title}
      </h1>
      <p className="tags">
        <StatusTag status={m.status} />{" "}
        {m.response_status ? <ResponseTag status={m.response_status} overdue={isOverdue(m.response_due_at, now)} /> : null}
      </p>
      <p className="meta">
        Addressed to <strong>{page.body.name}</strong>
      </p>
      <p className="meta">
        Proposed by <strong>{page.proposer.name}</strong>
        {m.published_at ? (
          <>
            , published <When at={m.published_at} />
          </>
        ) : null}
        {m.decided_at ? (
          <>
            . Decided <When at={m.decided_at} />
          </>
        ) : null}
      </p>
      {page.topics.length ? <p className="meta">Topics: {page.topics.join(", ")}</p> : null}
    </header>
  );
}

/** Withdrawn and lapsed motions say so plainly, near the top, with the reason. */
export function StatusNote({ page }: { page: PageData }) {
  const m = page.motion;
  if (m.status === "withdrawn") {
    return (
      <div id="status" className="warning">
        <p>
          {page.proposer.name} withdrew this motion
          {m.withdrawn_at ? (
            <>
              {" "}
              on <When at={m.withdrawn_at} />
            </>
          ) : null}
          .
        </p>
        {m.withdrawal_reason ? <p className="prose">Their reason: {m.withdrawal_reason}</p> : null}
      </div>
    );
  }
  if (m.status === "lapsed") {
    return (
      <div id="status" className="warning">
        <p>
          This motion lapsed
          {m.lapses_at ? (
            <>
              {" "}
              on <When at={m.lapses_at} />
            </>
          ) : null}{" "}
          because not enough members seconded it in time.
        </p>
      </div>
    );
  }
  return null;
}

export function MotionText({ page }: { page: PageData }) {
  const m = page.motion;
  const earlier = page.versions.filter((v) => v.version !== m.version).reverse();
  return (
    <>
      {m.summary ? (
        <div className="panel wash summary">
          <p className="prose">
            <strong>In short:</strong> {m.summary}
          </p>
        </div>
      ) : null}
      <section aria-labelledby="text-heading">
        <h2 id="text-heading">The motion</h2>
        <div className="motion-text">{m.text}</div>
        <h2>Why this matters</h2>
        <p className="prose">{m.rationale}</p>
        {earlier.length ? (
          <details className="versions">
            <summary>
              Earlier versions of this motion ({earlier.length}). This is version {m.version}.
            </summary>
            {earlier.map((v) => (
              <section key={v.version} className="panel" aria-labelledby={`version-${v.version}`}>
                <h3 id={`version-${v.version}`}>
                  Version {v.version}, from <When at={v.createdAt} withTime />
                </h3>
                <p>
                  <strong>Title:</strong> {v.title}
                </p>
                {v.summary ? (
                  <p className="prose">
                    <strong>In short:</strong> {v.summary}
                  </p>
                ) : null}
                <div className="motion-text">{v.text}</div>
                <p className="prose">
                  <strong>Why this matters:</strong> {v.rationale}
                </p>
              </section>
            ))}
          </details>
        ) : null}
      </section>
    </>
  );
}
