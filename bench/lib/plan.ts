// What the parent tells the workers, and the few rules both sides must agree on.

export const CHOICES = ["for", "against", "abstain"] as const;
export type Choice = (typeof CHOICES)[number];

/** A member's choice in each round; it changes every round, so a re-vote is a real change. */
export function choiceFor(index: number, round: number): Choice {
  return CHOICES[(index + round) % CHOICES.length];
}

export interface ConnectOrder {
  url: string;
  origin: string;
  sittingId: number;
  /** this worker's share: each member's index in the whole run and session cookie */
  clients: { index: number; cookie: string }[];
  concurrency: number;
  timeoutMs: number;
}

export interface VoteOrder {
  ballotId: number;
  /** epoch ms of the first scheduled vote; vote k of the run is due at startAt + k / rate */
  startAt: number;
  rate: number;
  total: number;
  rounds: number;
  ackTimeoutMs: number;
}

export interface TallySeen {
  /** clients whose last tally said the ballot had closed */
  closed: number;
  /** of those, how many showed the final turnout */
  finalTurnout: number;
  /** clients that received no tally at all */
  none: number;
}
