import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Clock } from "../domain/time";
import type { EventBus } from "../events";

/** The parliament's standing orders that a deployment may change (see server/config.ts). */
export interface ParliamentRules {
  /** distinct members, other than the proposer, needed to second a motion */
  secondersRequired: number;
  /** days an open motion waits for seconders before it lapses */
  lapseDays: number;
  /** share of eligible members whose votes (abstentions included) make a ballot count */
  quorumPercent: number;
  /** the parliament's own time zone: closing times typed into forms are read in it */
  timeZone: string;
  /** members whose requests put a response to a verdict ballot */
  verdictRequests: number;
  /** how long a verdict ballot opened by members' requests stays open */
  verdictDays: number;
}

export const defaultRules: ParliamentRules = {
  secondersRequired: 2,
  lapseDays: 28,
  quorumPercent: 25,
  timeZone: "Europe/London",
  verdictRequests: 5,
  verdictDays: 7,
};

export interface ServiceDeps {
  db: Kysely<Database>;
  /** where long reads go (searches, lists and figures over the whole record): off the event loop where it can be (db/read-pool.ts); `db` if not given */
  reads?: Kysely<Database>;
  clock: Clock;
  events: EventBus;
  rules: ParliamentRules;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
