// The demo parliament: on first start with an empty database, about five months of a lively
// parliament are played through the real services on a story clock, so every rule holds, every
// state appears and the audit chain verifies. Only people and bodies are inserted directly
// (there is no body service, and people join by invitation, which the demo skips).
import { displayNameKey } from "../services/people";
import { generateIdFromEntropySize } from "lucia";
import type { Choice } from "../../db/schema";
import { hashPassword } from "../auth/password";
import { quorumFor } from "../domain/ballot-outcome";
import type { Actor } from "../domain/permissions";
import { type Clock, DAY_MS, HOUR_MS, MINUTE_MS, epochToZonedLocal } from "../domain/time";
import { createServices } from "../services";
import type { Db, ServiceDeps } from "../services/deps";
import { planAccountability } from "./demo-accountability";
import { planSittings } from "./demo-sittings";
import { type DemoMotionKey, type DemoMotionText, demoMotions, networksFirstDraft, petsActions, petsResponse } from "./demo-motions";
import {
  DEMO_PASSWORD,
  type DemoBodyKey,
  type DemoMemberKey,
  type DemoPersonKey,
  demoBodies,
  demoEmail,
  demoPeople,
} from "./demo-people";
import { type BallotPlan, type MotionPlan, demoMoments, demoSchedule } from "./demo-schedule";
import { type When, demoHides, demoPostDeletions, demoPostEdits, demoPosts, demoReports } from "./demo-thread";

export interface DemoSignIn {
  role: string;
  email: string;
  password: string;
  note: string;
}

const signIns: DemoSignIn[] = demoPeople.flatMap((p) =>
  "signInNote" in p ? [{ role: p.role, email: demoEmail(p.key), password: DEMO_PASSWORD, note: p.signInNote }] : [],
);

/** The demo sign-ins whose accounts exist and are active, so every start can print them again. */
export async function findDemoSignIns(db: Db): Promise<DemoSignIn[]> {
  const rows = await db
    .selectFrom("users")
    .select("email")
    .where("email", "in", signIns.map((s) => s.email))
    .where("status", "=", "active")
    .execute();
  const present = new Set(rows.map((r) => r.email));
  return signIns.filter((s) => present.has(s.email));
}

/** A clock the story moves forward by hand; going backwards would scramble the audit log's times. */
function storyClock(start: number): Clock & { moveTo(at: number): void } {
  let t = start;
  return {
    now: () => t,
    moveTo(at) {
      if (at < t) throw new Error(`demo story went back in time (${new Date(at).toISOString()})`);
      t = at;
    },
  };
}

async function insertCast(db: Db, createdAt: number) {
  const bodyIds = {} as Record<DemoBodyKey, number>;
  for (const [key, body] of Object.entries(demoBodies) as [DemoBodyKey, (typeof demoBodies)[DemoBodyKey]][]) {
    const row = await db
      .insertInto("bodies")
      .values({ ...body, created_at: createdAt })
      .returning("id")
      .executeTakeFirstOrThrow();
    bodyIds[key] = row.id;
  }
  // Hashing is deliberately slow (argon2id), so one hash serves every demo account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = {} as Record<DemoPersonKey, Actor>;
  const rows = demoPeople.map((p) => {
    const bodyId = "body" in p ? bodyIds[p.body] : null;
    people[p.key] = { id: generateIdFromEntropySize(10), displayName: p.displayName, role: p.role, bodyId };
    return {
      id: people[p.key].id,
      display_name: p.displayName,
      display_name_key: displayNameKey(p.displayName),
      email: demoEmail(p.key),
      password_hash: passwordHash,
      role: p.role,
      body_id: bodyId,
      status: "active" as const,
      created_at: createdAt,
    };
  });
  await db.insertInto("users").values(rows).execute();
  return { bodyIds, people };
}

/** Returns the sign-ins, or null (writing nothing) when the database already has people in it. */
export async function seedDemoParliament(deps: ServiceDeps): Promise<DemoSignIn[] | null> {
  const anyone = await deps.db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (anyone) return null;

  const { rules } = deps;
  const realNow = deps.clock.now();
  const midnight = Math.floor(realNow / DAY_MS) * DAY_MS;
  const at = ([day, time]: When) => {
    const [h, m] = time.split(":").map(Number);
    return midnight + day * DAY_MS + h * HOUR_MS + m * MINUTE_MS;
  };
  // Long enough for the lapsed motion to lapse under this parliament's own lapse period.
  const spanDays = Math.max(150, rules.lapseDays + 10);
  const clock = storyClock(realNow - spanDays * DAY_MS);
  const services = createServices({ ...deps, clock });
  const { bodyIds, people } = await insertCast(deps.db, clock.now());
  const members = demoPeople.flatMap((p) => (p.role === "member" ? [p.key] : []));
  if (rules.secondersRequired > members.length - 1) {
    throw new Error(`The demo parliament has ${members.length} members, too few for SECONDERS_REQUIRED=${rules.secondersRequired}. Start with DEMO_DATA=false.`);
  }

  const steps: { at: number; order: number; run: () => Promise<unknown> }[] = [];
  const on = (when: When | number, run: () => Promise<unknown>) =>
    steps.push({ at: typeof when === "number" ? when : at(when), order: steps.length, run });
  const motionIds = {} as Record<DemoMotionKey, { id: number; number: string | null }>;
  const postIds: Record<string, number> = {};
  const chair = people.alder;

  function motionInput(key: DemoMotionKey, text: DemoMotionText = demoMotions[key]) {
    const { title, rationale, summary, topics } = text;
    return { title, text: text.text, rationale, summary, topics: [...topics], bodyId: bodyIds[demoMotions[key].body] };
  }

  function planMotion(key: DemoMotionKey, plan: Omit<MotionPlan, "expect">, publishAt?: number) {
    const proposer = people[demoMotions[key].proposer];
    const first = key === "networks" ? networksFirstDraft : demoMotions[key];
    on(plan.raise, async () => {
      motionIds[key] = { id: (await services.motions.raise(proposer, motionInput(key, first))).id, number: null };
    });
    const published = publishAt ?? (plan.publish ? at(plan.publish) : null);
    if (published !== null) {
      on(published, async () => {
        motionIds[key].number = await services.motions.publish(proposer, motionIds[key].id);
      });
    }
    if (plan.seconds) {
      const need = plan.seconds.until === "seconded" ? rules.secondersRequired : Math.min(1, rules.secondersRequired - 1);
      const by = [...plan.seconds.by];
      // Standing orders may ask for more seconders than the story names: others join that evening.
      for (const m of members) {
        if (by.length >= need) break;
        if (m !== demoMotions[key].proposer && !by.some(([k]) => k === m)) by.push([m, [by.at(-1)![1][0], "22:00"]]);
      }
      for (const [member, when] of by.slice(0, need)) on(when, () => services.motions.second(people[member], motionIds[key].id));
    }
    if (plan.ballot) planBallot(key, plan.ballot);
  }

  function planBallot(key: DemoMotionKey, plan: BallotPlan) {
    const opensAt = at(plan.open);
    let ballotId = 0;
    on(opensAt, async () => {
      const closesAt = epochToZonedLocal(at(plan.closes), rules.timeZone);
      ({ ballotId } = await services.ballots.open(chair, motionIds[key].id, { kind: plan.kind, rule: plan.rule, closesAt }));
    });
    // Votes are fixed by the story; turnout adapts to the quorum this parliament configured
    // (computed as the ballot service will, from the members eligible when it opens).
    const quorum = quorumFor(members.length, rules.quorumPercent);
    let votes: [DemoMemberKey, Choice][] = plan.belowQuorum ? plan.votes.slice(0, quorum - 1) : [...plan.votes];
    if (plan.end && !plan.belowQuorum && votes.length < quorum) {
      const late = members.filter((m) => !votes.some(([k]) => k === m)).map((m): [DemoMemberKey, Choice] => [m, "abstain"]);
      votes = votes.concat(late.slice(0, quorum - votes.length));
    }
    // Three votes a day at waking hours: one, four and nine hours after the time the ballot opened.
    const offsets = [1, 4, 9].map((h) => h * HOUR_MS);
    for (const [i, [member, choice]] of votes.entries()) {
      const castAt = opensAt + Math.floor(i / 3) * DAY_MS + offsets[i % 3];
      on(castAt, () => services.ballots.vote(people[member], ballotId, { choice }));
    }
    if (plan.end?.by === "chair") on(plan.end.at, () => services.ballots.close(chair, ballotId));
    if (plan.end?.by === "time") on(at(plan.closes) + HOUR_MS, () => services.ballots.closeDue());
  }

  for (const [key, plan] of Object.entries(demoSchedule)) planMotion(key as DemoMotionKey, plan);

  // The lapsed motion: published early, never seconded, swept up once its time ran out.
  const openDayPublished = at([-(spanDays - 2), "10:00"]);
  planMotion("openDay", { raise: [-(spanDays - 2), "10:00"] }, openDayPublished);
  on(openDayPublished + rules.lapseDays * DAY_MS + HOUR_MS, () => services.motions.lapseDue());

  // The open motion: published recently enough that it is still gathering seconders today.
  const youSaidPublished = rules.lapseDays >= 6 ? at([-5, "09:30"]) : realNow - (rules.lapseDays * DAY_MS) / 2;
  planMotion("youSaid", { raise: [-6, "21:00"] }, youSaidPublished);
  if (rules.secondersRequired > 1) {
    on(youSaidPublished + HOUR_MS, () => services.motions.second(people[demoMoments.youSaidSeconder], motionIds.youSaid.id));
  }

  on(demoMoments.networksEdit, () => services.motions.edit(people.harbour, motionIds.networks.id, motionInput("networks")));
  on(demoMoments.genieWithdrawal, () =>
    services.motions.withdraw(people.juniper, motionIds.genie.id, {
      reason: `I am withdrawing this because ${motionIds.networks.number} now asks for network mapping as part of a wider motion. Thank you to Harbour for seconding; please support that one instead.`,
    }),
  );
  // Action due dates are days after the response, written as the dates a commissioner would type.
  const dateIn = (days: number) => epochToZonedLocal(clock.now() + days * DAY_MS, rules.timeZone).slice(0, 10);
  on(demoMoments.petsResponse, () =>
    services.responses.publish(people.tom, motionIds.pets.id, {
      ...petsResponse,
      actions: petsActions.map(({ inDays, ...action }) => ({ ...action, dueDate: dateIn(inDays) })),
    }),
  );
  const story = { services, db: deps.db, rules, people, members, motionIds, on, at, dateIn, realNow };
  planAccountability(story);
  planSittings({ ...story, chair });
  const change = demoMoments.forumsVoteChange;
  on(change.at, async () => {
    const ballot = await deps.db.selectFrom("ballots").select("id").where("motion_id", "=", motionIds.forums.id).executeTakeFirstOrThrow();
    await services.ballots.vote(people[change.by], ballot.id, { choice: change.choice });
  });

  for (const p of demoPosts) {
    on(p.at, async () => {
      const input = { stance: p.stance, body: p.body, parentId: p.replyTo ? postIds[p.replyTo] : undefined };
      postIds[p.key] = (await services.threads.post(people[p.author], motionIds[p.motion].id, input)).postId;
    });
  }
  for (const e of demoPostEdits) on(e.at, () => services.threads.edit(people[demoPosts.find((p) => p.key === e.post)!.author], { postId: postIds[e.post], stance: e.stance, body: e.body }));
  for (const d of demoPostDeletions) on(d.at, () => services.threads.remove(people[d.by], { postId: postIds[d.post] }));
  for (const r of demoReports) on(r.at, () => services.threads.report(people[r.by], { postId: postIds[r.post], reason: r.reason }));
  for (const h of demoHides) on(h.at, () => services.threads.hide(chair, { postId: postIds[h.post], reason: h.reason }));

  steps.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const step of steps) {
    if (step.at > realNow) throw new Error(`demo story step after today (${new Date(step.at).toISOString()})`);
    clock.moveTo(step.at);
    await step.run();
  }

  await checkEnding(deps.db, motionIds);
  return findDemoSignIns(deps.db);
}

/** Fail loudly if the parliament's rules bent the story: a demo missing a state misleads. */
async function checkEnding(db: Db, motionIds: Record<DemoMotionKey, { id: number }>) {
  const expected = {
    ...Object.fromEntries(Object.entries(demoSchedule).map(([k, plan]) => [k, plan.expect])),
    openDay: { status: "lapsed" },
    youSaid: { status: "open" },
  } as Record<DemoMotionKey, MotionPlan["expect"]>;
  const rows = await db.selectFrom("motions").select(["id", "status", "response_status"]).execute();
  for (const [key, want] of Object.entries(expected) as [DemoMotionKey, MotionPlan["expect"]][]) {
    const row = rows.find((r) => r.id === motionIds[key].id);
    if (row?.status !== want.status || (want.response && row.response_status !== want.response)) {
      throw new Error(`The demo motion "${demoMotions[key].title}" ended ${row?.status}, not ${want.status}, under these rules. Start with DEMO_DATA=false.`);
    }
  }
}
