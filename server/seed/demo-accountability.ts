// What happened after the votes: dated progress on the pets actions, a holding reply on the
// overdue response, a response members judged inadequate, a record closed because every
// promise was kept, and members following motions so they have notices to read.
import type { ActionStatus, Choice, ResponsePosition } from "../../db/schema";
import { quorumFor } from "../domain/ballot-outcome";
import type { Actor } from "../domain/permissions";
import { DAY_MS, HOUR_MS, epochToZonedLocal } from "../domain/time";
import type { Services } from "../services";
import type { Db, ParliamentRules } from "../services/deps";
import type { DemoMotionKey } from "./demo-motions";
import type { DemoMemberKey, DemoPersonKey } from "./demo-people";
import type { When } from "./demo-thread";

export interface StoryContext {
  services: Services;
  db: Db;
  rules: ParliamentRules;
  people: Record<DemoPersonKey, Actor>;
  members: DemoMemberKey[];
  motionIds: Record<DemoMotionKey, { id: number; number: string | null }>;
  /** schedule a step of the story */
  on(when: When | number, run: () => Promise<unknown>): void;
  at(when: When): number;
  /** a calendar date `days` after the story clock's present, as a commissioner would type it */
  dateIn(days: number): string;
  realNow: number;
}

interface ActionPlan {
  description: string;
  owner: string;
  inDays: number;
}

interface Progress {
  motion: DemoMotionKey;
  /** the action's place in its motion's list, from 0 */
  action: number;
  at: When;
  status: ActionStatus;
  progress: number;
  note: string;
}

/** Dated updates: on pets, one action done, one in progress at 40% after two updates, one planned. */
const progressUpdates: Progress[] = [
  { motion: "pets", action: 0, at: [-80, "15:00"], status: "in_progress", progress: 30, note: "Members of the parliament helped us word the new question. Three assessors are trying it out this month." },
  { motion: "pets", action: 2, at: [-60, "10:00"], status: "in_progress", progress: 15, note: "Training outline agreed with Willow and Juniper, who will co-deliver the sessions." },
  { motion: "pets", action: 0, at: [-38, "11:00"], status: "done", progress: 100, note: "The question about pets is now part of the Care Act assessment and review forms in every team." },
  { motion: "pets", action: 2, at: [-18, "16:30"], status: "in_progress", progress: 40, note: "Two of five sessions delivered; 38 assessors trained so far. Feedback has been warm." },
  { motion: "venues", action: 0, at: [-90, "14:00"], status: "in_progress", progress: 50, note: "Six community venues have agreed to host us, including the central library and two cafés." },
  { motion: "venues", action: 0, at: [-74, "10:00"], status: "done", progress: 100, note: "Every co-production meeting is now booked in a community venue." },
  { motion: "venues", action: 1, at: [-61, "15:00"], status: "done", progress: 100, note: "The year's meetings are on our website and in the libraries, with times members chose." },
  { motion: "plainLanguage", action: 0, at: [-44, "12:00"], status: "done", progress: 100, note: "The glossary is on our website, with 120 terms explained." },
  { motion: "plainLanguage", action: 1, at: [-35, "10:00"], status: "in_progress", progress: 50, note: "Board papers since last month have a one-page summary at the front." },
];

const responses: Record<"venues" | "plainLanguage", { by: DemoPersonKey; at: When; position: ResponsePosition; summary: string; reasons: string; actions: ActionPlan[] }> = {
  venues: {
    by: "tom",
    at: [-100, "10:00"],
    position: "accept",
    summary: "Yes: our co-production meetings move to community venues, at times members choose, with the year's dates published.",
    reasons:
      "We accept this motion in full. Members are right that our offices are not neutral ground, and attendance at meetings we held in the library last year was twice what it usually is. From next quarter every co-production meeting will be in a community venue, and we will agree the times with the people taking part.",
    actions: [
      { description: "Book community venues for every co-production meeting from next quarter.", owner: "Co-production team", inDays: 30 },
      { description: "Publish the year's meeting calendar, with times agreed with members.", owner: "Co-production team", inDays: 45 },
    ],
  },
  plainLanguage: {
    by: "amara",
    at: [-50, "10:00"],
    position: "accept_in_part",
    summary: "We will publish a glossary of terms and add a one-page summary to board papers.",
    reasons:
      "We agree that our papers are hard to read and we are sorry for the jargon. We will publish a glossary of commissioning terms and put a one-page summary at the front of every board paper. Writing every summary together with people with lived experience is not possible within our current staffing, so our communications team will write them.",
    actions: [
      { description: "Publish a glossary of commissioning terms on our website.", owner: "Communications team", inDays: 21 },
      { description: "Add a one-page summary to every board paper.", owner: "Board secretary", inDays: 60 },
    ],
  },
};

const holdingReply = {
  at: [-40, "11:00"] as When,
  reason:
    "We are rewriting our contract templates with the NHS regional team and want the co-production clause to match the new national wording. We are sorry this response is late; we expect to publish it by the date below.",
  expectedInDays: 50,
};

/** Who asks for a verdict on the plain-language response, in order, and how the ballot goes. */
const verdictRequesters: DemoMemberKey[] = ["heron", "kestrel", "willow", "marigold", "linnet", "sorrel", "juniper", "rowan", "harbour", "bramble"];
const verdictVotes: [DemoMemberKey, Choice][] = [
  ["heron", "against"], ["willow", "against"], ["marigold", "for"], ["kestrel", "against"],
  ["linnet", "against"], ["rowan", "abstain"], ["juniper", "against"], ["harbour", "for"],
];

const follows: [DemoMemberKey, DemoMotionKey, When][] = [
  ["kestrel", "pets", [-145, "12:00"]],
  ["marigold", "venues", [-127, "10:30"]],
  ["willow", "contracts", [-117, "12:00"]],
  ["kestrel", "plainLanguage", [-94, "16:00"]],
];
/** Some members have caught up with their notices; Kestrel has unread ones since. */
const reads: [DemoMemberKey, When][] = [
  ["kestrel", [-70, "20:00"]],
  ["willow", [-60, "09:00"]],
];

export function planAccountability(s: StoryContext) {
  const { services, people, motionIds, on } = s;

  for (const [key, plan] of Object.entries(responses) as [keyof typeof responses, (typeof responses)[keyof typeof responses]][]) {
    on(plan.at, () =>
      services.responses.publish(people[plan.by], motionIds[key].id, {
        position: plan.position,
        summary: plan.summary,
        reasons: plan.reasons,
        actions: plan.actions.map(({ inDays, ...action }) => ({ ...action, dueDate: s.dateIn(inDays) })),
      }),
    );
  }

  for (const u of progressUpdates) {
    on(u.at, async () => {
      const actions = await s.db.selectFrom("response_actions").select("id").where("motion_id", "=", motionIds[u.motion].id).orderBy("position").execute();
      const commissioner = u.motion === "plainLanguage" ? people.amara : people.tom;
      await services.actions.update(commissioner, { actionId: actions[u.action].id, status: u.status, progress: u.progress, note: u.note });
    });
  }

  // The overdue response: reminded a week before and again once late, then a holding reply.
  on([-48, "08:00"], () => services.reminders.sendDue());
  on([-42, "08:00"], () => services.reminders.sendDue());
  on(holdingReply.at, () =>
    services.responses.holdingReply(people.amara, motionIds.contracts.id, { reason: holdingReply.reason, expectedDate: s.dateIn(holdingReply.expectedInDays) }),
  );

  planVerdict(s);

  for (const [member, motion, when] of follows) on(when, () => services.notifications.follow(people[member], motionIds[motion].id));
  for (const [member, when] of reads) on(when, () => services.notifications.markRead(people[member]));
}

/**
 * Members judge the plain-language response inadequate. They ask for a verdict until the
 * parliament's threshold opens a ballot; when the standing orders make that impossible in the
 * story (more requests than members, or a ballot that would still be open today), the chair
 * puts the question instead, after a few members asked.
 */
function planVerdict(s: StoryContext) {
  const { services, people, motionIds, on, at, rules } = s;
  const slots = ["09:00", "13:00", "19:00"];
  const requestAt = (i: number) => at([-48 + Math.floor(i / 3), slots[i % 3]]);
  const threshold = rules.verdictRequests;
  const membersOpen = threshold <= verdictRequesters.length && requestAt(threshold - 1) + rules.verdictDays * DAY_MS + HOUR_MS < s.realNow;
  const requesters = verdictRequesters.slice(0, membersOpen ? threshold : Math.min(threshold - 1, 3));
  const opensAt = membersOpen ? requestAt(threshold - 1) : at([-47, "10:00"]);
  const closesAt = membersOpen ? opensAt + rules.verdictDays * DAY_MS : at([-40, "10:00"]);

  let ballotId = 0;
  const responseId = async () =>
    (await s.db.selectFrom("responses").select("id").where("motion_id", "=", motionIds.plainLanguage.id).orderBy("version", "desc").executeTakeFirstOrThrow()).id;
  for (const [i, member] of requesters.entries()) {
    on(requestAt(i), async () => {
      const result = await services.verdicts.request(people[member], await responseId());
      if (result.ballotId) ballotId = result.ballotId;
    });
  }
  if (!membersOpen) {
    on(opensAt, async () => {
      ({ ballotId } = await services.verdicts.open(people.alder, await responseId(), { closesAt: epochToZonedLocal(closesAt, rules.timeZone) }));
    });
  }

  // More against than for, with late abstentions if this parliament's quorum needs them.
  const quorum = quorumFor(s.members.length, rules.quorumPercent);
  const late = s.members.filter((m) => !verdictVotes.some(([k]) => k === m)).map((m): [DemoMemberKey, Choice] => [m, "abstain"]);
  const votes = verdictVotes.concat(late.slice(0, Math.max(0, quorum - verdictVotes.length)));
  const spacing = Math.min(8 * HOUR_MS, Math.floor((closesAt - opensAt) / (votes.length + 1)));
  for (const [i, [member, choice]] of votes.entries()) {
    on(opensAt + (i + 1) * spacing, () => services.ballots.vote(people[member], ballotId, { choice }));
  }
  on(closesAt + HOUR_MS, () => services.ballots.closeDue());
}
