// The facts of a ballot, as tables: what kind, which majority, when, who could vote, how many
// did, and the counts. Shared by the motion page and the "you said, we did" page; the wording
// of kinds, counts and results is shared with the sittings (~/components/ballot-results).
import type { Ballot } from "../../../db/schema";
import { ruleLabels } from "../../../server/domain/ballot-outcome";
import { ballotKinds, VoteCounts } from "~/components/ballot-results";
import { When } from "~/components/when";
import { plural } from "~/lib/format";

/** What these tables need of a ballot: the motion page's and the story page's views both fit. */
export interface BallotFacts {
  kind: Ballot["kind"];
  rule: Ballot["rule"];
  mode: Ballot["mode"];
  status: Ballot["status"];
  outcome: Ballot["outcome"];
  openedAt: number;
  closesAt: number | null;
  closedAt: number | null;
  closedByChair: boolean;
  eligible: number;
  quorum: number;
  turnout: number;
  counts: { for: number; against: number; abstain: number } | null;
}

/** A verdict asks "Is the response adequate?": a revised response needs more against than for. */
const verdictRule = "More votes against than for, to ask for a revised response. A tie leaves the response standing.";
const verdictChoices = { for: "For (adequate)", against: "Against (not adequate)", abstain: "Abstain" } as const;

export function Facts({ b, verdict = false }: { b: BallotFacts; verdict?: boolean }) {
  return (
    <table className="facts">
      <caption className="visually-hidden">About this vote</caption>
      <tbody>
        <tr>
          <th scope="row">Kind</th>
          <td>
            {ballotKinds[b.kind].name}: {ballotKinds[b.kind].hint}
          </td>
        </tr>
        <tr>
          <th scope="row">Majority needed</th>
          <td>{verdict ? verdictRule : ruleLabels[b.rule]}</td>
        </tr>
        <tr>
          <th scope="row">Opened</th>
          <td>
            <When at={b.openedAt} withTime />
          </td>
        </tr>
        {b.status === "open" && b.closesAt ? (
          <tr>
            <th scope="row">Closes</th>
            <td>
              <When at={b.closesAt} withTime />
            </td>
          </tr>
        ) : null}
        {b.closedAt ? (
          <tr>
            <th scope="row">Closed</th>
            <td>
              <When at={b.closedAt} withTime />
              {b.mode === "online" ? (b.closedByChair ? " (closed early by the chair)" : " (at its set time)") : null}
            </td>
          </tr>
        ) : null}
        <tr>
          <th scope="row">Members who could vote</th>
          <td>{b.eligible}</td>
        </tr>
        <tr>
          <th scope="row">Quorum</th>
          <td>{plural(b.quorum, "vote")} needed for the result to count (abstentions count)</td>
        </tr>
        <tr>
          <th scope="row">Turnout</th>
          <td>
            {b.turnout} of {plural(b.eligible, "member")} {b.status === "open" ? "so far" : ""}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** The counts, with the verdict's own words for the choices when it is one. */
export function Counts({ b, verdict = false }: { b: BallotFacts; verdict?: boolean }) {
  return <VoteCounts b={b} open={b.status === "open"} names={verdict ? verdictChoices : undefined} />;
}
