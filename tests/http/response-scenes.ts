// A motion carried by the members' vote on a running test server, ready for its commissioner
// to answer: shared by the tests of the response form.
import type { DialectName } from "../../db/connect";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { BrowserLikeClient } from "../support/browser-like-client";
import { type ManualClock, dateAfter, manualClock } from "../support/clock";
import { type TestPerson, createBody, createChair, createCommissioner, createMember, motionInput } from "../support/factories";
import { type TestServer, useTestServer } from "../support/server";

const TIME_ZONE = "Europe/London";

/** A motion carried by its members, its body, and a commissioner of that body. */
export async function carriedOnServer(server: TestServer, clock: ManualClock, bodyName = "Riverside Care Board") {
  const db = server.database.db;
  const body = await createBody(db, { name: `${bodyName} ${Math.random().toString(36).slice(2, 6)}` });
  const proposer = await createMember(db);
  const members = [await createMember(db), await createMember(db)];
  const chair = await createChair(db);
  const { id, number } = await server.services.motions.raise(proposer, motionInput(body.id), { publish: true });
  for (const m of members) await server.services.motions.second(m, id);
  const { ballotId } = await server.services.ballots.open(chair, id, {
    kind: "recorded",
    rule: "simple",
    closesAt: epochToZonedLocal(clock.now() + 7 * DAY_MS, TIME_ZONE),
  });
  for (const m of [proposer, ...members]) await server.services.ballots.vote(m, ballotId, { choice: "for" });
  await server.services.ballots.close(chair, ballotId);
  const commissioner = await createCommissioner(db, body.id);
  return { body, proposer, members, chair, commissioner, motionId: id, number: number!, path: `/motions/${number}` };
}

/**
 * A server on a test clock for the response form's tests (quorum 1%: every test adds members to
 * it), with what they all use: a date field's value some days on, a signed-in browser, and a
 * freshly carried motion addressed to a new body named after `bodyName`.
 */
export function useResponseServer(dialect: DialectName, bodyName?: string) {
  const clock = manualClock();
  const holder = useTestServer(dialect, { clock, rules: { quorumPercent: 1 } });
  return {
    clock,
    holder,
    db: () => holder.server.database.db,
    services: () => holder.server.services,
    /** A calendar date `days` from the test clock, as a date field holds it. */
    dateIn: (days: number) => dateAfter(clock.now(), days),
    signedIn: (person: TestPerson) => BrowserLikeClient.signedIn(holder.server.url, person),
    carried: () => carriedOnServer(holder.server, clock, bodyName),
  };
}
