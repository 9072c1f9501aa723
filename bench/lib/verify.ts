// Was every vote counted exactly once? The database (after the chair closed the ballot) is
// compared with what the simulated members were told: each acknowledged vote, each member's
// last acknowledged choice, and the number of members.
import { CHOICES, type Choice } from "./plan";

export interface ServerBallot {
  outcome: string;
  eligible: number;
  quorum: number;
  counts: Record<Choice, number>;
  recordedRows: number;
  recordedDistinctMembers: number;
  recordedChoices: (Choice | null)[];
  secretVoterRows: number;
  secretDistinctMembers: number;
  auditVoteCast: number;
  auditVoteChanged: number;
  auditChainOk: boolean;
  membersPresent: number;
}

export function verifyCounts(
  kind: "recorded" | "secret",
  members: number,
  successfulAcks: number,
  ackTimeouts: number,
  lastChoices: [number, Choice][],
  server: ServerBallot,
) {
  const expectedCounts = Object.fromEntries(CHOICES.map((c) => [c, 0])) as Record<Choice, number>;
  for (const [, choice] of lastChoices) expectedCounts[choice] += 1;
  const membersWithAck = lastChoices.length;
  const ballotTotal = server.counts.for + server.counts.against + server.counts.abstain;
  const problems: string[] = [];
  const expect = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };

  expect(membersWithAck === members, `${members - membersWithAck} of ${members} members have no acknowledged vote`);
  expect(ackTimeouts === 0, `${ackTimeouts} vote(s) got no answer, so their outcome is unknown`);
  expect(ballotTotal === membersWithAck, `the ballot counts ${ballotTotal} votes, but ${membersWithAck} members were told their vote was taken`);
  for (const c of CHOICES) {
    expect(server.counts[c] === expectedCounts[c], `"${c}": the ballot counts ${server.counts[c]}, the acknowledgements say ${expectedCounts[c]}`);
  }
  expect(server.auditVoteCast === membersWithAck, `${server.auditVoteCast} "vote.cast" audit entries for ${membersWithAck} voters`);
  expect(server.auditChainOk, "the audit chain does not verify");

  let choiceMismatches = 0;
  if (kind === "recorded") {
    expect(server.recordedRows === membersWithAck, `${server.recordedRows} recorded vote rows for ${membersWithAck} voters`);
    expect(server.recordedDistinctMembers === server.recordedRows, "a member has more than one recorded vote row");
    expect(server.auditVoteChanged === successfulAcks - membersWithAck, `${server.auditVoteChanged} "vote.changed" entries for ${successfulAcks - membersWithAck} acknowledged changes`);
    const told = new Map(lastChoices);
    server.recordedChoices.forEach((stored, index) => {
      if ((told.get(index) ?? null) !== stored) choiceMismatches += 1;
    });
    expect(choiceMismatches === 0, `${choiceMismatches} member(s) whose stored choice is not the last one acknowledged to them`);
  } else {
    expect(server.secretVoterRows === successfulAcks, `${server.secretVoterRows} secret voter rows for ${successfulAcks} acknowledged votes`);
    expect(server.secretDistinctMembers === server.secretVoterRows, "a member appears twice among secret voters");
  }

  // Apart from whether every vote was confirmed: did any member count twice?
  const storedRows = kind === "recorded" ? server.recordedRows : server.secretVoterRows;
  const distinctVoters = kind === "recorded" ? server.recordedDistinctMembers : server.secretDistinctMembers;
  const noMemberCountedTwice = storedRows === distinctVoters && ballotTotal === storedRows && server.auditVoteCast === storedRows;

  return {
    everyVoteCountedOnce: problems.length === 0,
    noMemberCountedTwice,
    /** counted by the server, but the member never heard back (their connection dropped or timed out) */
    countedWithoutAcknowledgement: Math.max(0, ballotTotal - membersWithAck),
    members,
    membersWithAcknowledgedVote: membersWithAck,
    successfulAcks,
    ballotTotal,
    counts: server.counts,
    countsFromAcknowledgements: expectedCounts,
    storedRows,
    auditVoteCast: server.auditVoteCast,
    auditVoteChanged: server.auditVoteChanged,
    auditChainOk: server.auditChainOk,
    choiceMismatches,
    problems,
  };
}
