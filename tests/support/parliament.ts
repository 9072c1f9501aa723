// A parliament on a fresh real database for each test: services with a manual clock, an event
// recorder, and short-cuts that walk a motion through its life with the real services.
import { afterEach, beforeEach } from "vitest";
import type { DatabaseHandle } from "../../db/connect";
import type { DomainEvent } from "../../server/events";
import { createEventBus } from "../../server/events";
import { createServices, type Services } from "../../server/services";
import { defaultRules, type ParliamentRules } from "../../server/services/deps";
import { epochToZonedLocal, DAY_MS } from "../../server/domain/time";
import { type ManualClock, dateAfter, manualClock } from "./clock";
import { type DialectName, openTestDatabase } from "./databases";
import { type TestPerson, createBody, createChair, createMembers, motionInput } from "./factories";

export interface TestParliament {
  dialect: DialectName;
  database: DatabaseHandle & { url: string };
  db: DatabaseHandle["db"];
  clock: ManualClock;
  services: Services;
  events: DomainEvent[];
  rules: ParliamentRules;
}

export function useParliament(dialect: DialectName, rules: Partial<ParliamentRules> = {}): TestParliament {
  const t = { dialect } as TestParliament;
  beforeEach(async () => {
    const database = await openTestDatabase(dialect);
    const clock = manualClock();
    const bus = createEventBus();
    const events: DomainEvent[] = [];
    bus.on((e) => events.push(e));
    const allRules = { ...defaultRules, ...rules };
    Object.assign(t, {
      database,
      db: database.db,
      clock,
      events,
      rules: allRules,
      services: createServices({ db: database.db, reads: database.reads, clock, events: bus, rules: allRules }),
    });
  });
  afterEach(async () => {
    await t.database.close();
  });
  return t;
}

/** A date-field value `days` from the test clock, in the parliament's time zone. */
export function dateIn(t: TestParliament, days: number): string {
  return dateAfter(t.clock.now(), days, t.rules.timeZone);
}

/** A datetime-local value `days` from the test clock, in the parliament's time zone. */
export function closingIn(t: TestParliament, days: number): string {
  return epochToZonedLocal(t.clock.now() + days * DAY_MS, t.rules.timeZone);
}

export interface Scene {
  bodyId: number;
  proposer: TestPerson;
  members: TestPerson[];
  chair: TestPerson;
  motionId: number;
  number: string;
}

/** A published motion with a proposer, `memberCount` other members and a chair. */
export async function publishedMotion(t: TestParliament, memberCount = 4, overrides: Record<string, unknown> = {}): Promise<Scene> {
  const body = await createBody(t.db);
  const [proposer, ...members] = await createMembers(t.db, memberCount + 1);
  const chair = await createChair(t.db);
  const { id, number } = await t.services.motions.raise(proposer, motionInput(body.id, overrides), { publish: true });
  return { bodyId: body.id, proposer, members, chair, motionId: id, number: number! };
}

export async function secondedMotion(t: TestParliament, memberCount = 4): Promise<Scene> {
  const scene = await publishedMotion(t, memberCount);
  for (const m of scene.members.slice(0, t.rules.secondersRequired)) await t.services.motions.second(m, scene.motionId);
  return scene;
}

export async function openBallotOn(t: TestParliament, scene: Scene, kind: "recorded" | "secret" = "recorded", rule: "simple" | "two_thirds" = "simple") {
  const { ballotId } = await t.services.ballots.open(scene.chair, scene.motionId, { kind, rule, closesAt: closingIn(t, 7) });
  return ballotId;
}

/** Seconded, voted for by every member, closed by the chair: carried. */
export async function carriedMotion(t: TestParliament, memberCount = 4): Promise<Scene & { ballotId: number }> {
  const scene = await secondedMotion(t, memberCount);
  const ballotId = await openBallotOn(t, scene);
  for (const m of [scene.proposer, ...scene.members]) await t.services.ballots.vote(m, ballotId, { choice: "for" });
  await t.services.ballots.close(scene.chair, ballotId);
  return { ...scene, ballotId };
}
