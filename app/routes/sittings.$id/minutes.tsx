// The minutes of a closed sitting, generated from what happened: when it opened and closed, who
// attended, and each item in order with its speakers and its ballot. Made to print cleanly.
import { Link } from "@remix-run/react";
import { outcomeLabels, ruleLabels } from "../../../server/domain/ballot-outcome";
import { itemStatusLabels, speakerKindLabels } from "../../../server/domain/sitting-rules";
import { ballotKinds } from "~/components/ballot-results";
import { When } from "~/components/when";
import { plural } from "~/lib/format";
import { choiceLabels } from "../../../server/domain/schemas/ballot";
import { resultSentence } from "./live-ballot";
import type { LoaderData } from "./route";

type Minutes = NonNullable<LoaderData["minutes"]>;
type MinutesBallotData = Minutes["items"][number]["ballots"][number];

/** A recorded ballot publishes how each member voted once it closes; a secret one never does. */
function Roll({ b }: { b: MinutesBallotData }) {
  if (b.kind !== "recorded" || b.status !== "closed") return null;
  if (!b.roll.length) return <p>Nobody voted.</p>;
  return (
    <p className="roll">
      How members voted: {b.roll.map((v) => `${v.name} (${choiceLabels[v.choice].toLowerCase()})`).join(", ")}.
    </p>
  );
}

function MinutesBallot({ b, motionNumber }: { b: MinutesBallotData; motionNumber: string }) {
  return (
    <div className="minutes-ballot">
      <p>
        <strong>
          {ballotKinds[b.kind].name}, {b.outcome ? outcomeLabels[b.outcome].toLowerCase() : "not closed"}.
        </strong>{" "}
        {ruleLabels[b.rule]}. Quorum {b.quorum} of {plural(b.eligible, "member")}; turnout {b.turnout}.
      </p>
      {b.counts ? (
        // Four columns are wider than a phone: the table scrolls in its own box, never the page.
        <div className="table-scroll" role="region" aria-label={`Votes cast on ${motionNumber}: ${ballotKinds[b.kind].name.toLowerCase()}${b.outcome ? `, ${outcomeLabels[b.outcome].toLowerCase()}` : ""}`} tabIndex={0}>
          <table className="counts">
            <caption className="visually-hidden">Votes cast</caption>
            <thead>
              <tr>
                <th scope="col" className="num">For</th>
                <th scope="col" className="num">Against</th>
                <th scope="col" className="num">Abstentions</th>
                <th scope="col" className="num">Turnout</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td className="num">{b.counts.for}</td>
                <td className="num">{b.counts.against}</td>
                <td className="num">{b.counts.abstain}</td>
                <td className="num">{b.turnout}</td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
      <p>{resultSentence(b)}</p>
      <Roll b={b} />
    </div>
  );
}

export function SittingMinutes({ minutes }: { minutes: Minutes }) {
  const { sitting, attendance, items } = minutes;
  return (
    <section id="minutes" aria-labelledby="minutes-heading" className="minutes">
      <h2 id="minutes-heading">Minutes</h2>
      <dl className="facts-list">
        <div>
          <dt>Opened</dt>
          <dd>{sitting.openedAt ? <When at={sitting.openedAt} withTime /> : "The sitting was never opened."}</dd>
        </div>
        <div>
          <dt>Closed</dt>
          <dd>{sitting.closedAt ? <When at={sitting.closedAt} withTime /> : "Not closed"}</dd>
        </div>
        <div>
          <dt>Attendance</dt>
          <dd>{plural(attendance.length, "member")}</dd>
        </div>
        <div>
          <dt>Public gallery</dt>
          <dd>
            {sitting.galleryPeak === 0
              ? "Nobody watched online"
              : `At most ${sitting.galleryPeak === 1 ? "1 person" : `${sitting.galleryPeak} people`} watched at once`}
          </dd>
        </div>
      </dl>

      <h3>Members present</h3>
      {attendance.length ? (
        <ul className="present-names">
          {attendance.map((name, i) => (
            <li key={`${i}-${name}`}>{name}</li>
          ))}
        </ul>
      ) : (
        <p className="empty">No members were recorded as present.</p>
      )}

      <h3>Business</h3>
      {items.length ? (
        <ol className="minutes-items">
          {items.map((item) => (
            <li key={item.id}>
              <h4>
                <Link to={`/motions/${item.motion.number}`}>
                  {item.motion.number}: {item.motion.title}
                </Link>
              </h4>
              <p className="meta">
                {item.startedAt ? (
                  <>
                    {itemStatusLabels[item.status]}
                    {" · "}taken up <When at={item.startedAt} withTime />
                  </>
                ) : (
                  "Not reached at this sitting"
                )}
                {item.endedAt ? (
                  <>
                    {" · "}ended <When at={item.endedAt} withTime />
                  </>
                ) : null}
              </p>
              {item.speakers.length ? <p className="minutes-label">Speakers, in the order they were called:</p> : null}
              {item.speakers.length ? (
                <ol className="minutes-speakers" aria-label={`Speakers on ${item.motion.number}, in order`}>
                  {item.speakers.map((s, i) => (
                    <li key={i}>
                      {`${s.name} (${speakerKindLabels[s.kind].toLowerCase()}), `}
                      <When at={s.calledAt} withTime />
                    </li>
                  ))}
                </ol>
              ) : item.startedAt ? (
                <p>Nobody was called to speak.</p>
              ) : null}
              {item.ballots.map((b) => (
                <MinutesBallot key={b.id} b={b} motionNumber={item.motion.number} />
              ))}
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">Nothing was on the agenda.</p>
      )}
    </section>
  );
}
