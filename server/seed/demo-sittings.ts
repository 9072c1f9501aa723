// The parliament's sittings: one held in spring, where the motion on safe boundaries was
// debated and then defeated in a live ballot (its minutes are on its page), and the next one,
// scheduled for after today with a seconded motion already on its agenda.
import type { Choice } from "../../db/schema";
import type { Actor } from "../domain/permissions";
import { MINUTE_MS, epochToZonedLocal } from "../domain/time";
import type { StoryContext } from "./demo-accountability";
import type { DemoMemberKey } from "./demo-people";
import type { When } from "./demo-thread";

const venue = {
  place: "Riverside Community Centre, Hall 2 (step-free, hearing loop)",
  onlineLink: "https://meet.example.org/riverside-parliament",
  speakingMinutes: 3,
};

const springSitting = {
  title: "Spring sitting: safety, boundaries and trust",
  scheduledAt: [-86, "10:00"] as When,
  startsAt: [-80, "18:30"] as When,
  /** members who came, in the order they arrived */
  arrivals: ["heron", "sorrel", "juniper", "willow", "bramble", "marigold", "linnet", "rowan", "kestrel", "harbour"] as DemoMemberKey[],
  /** asked to speak in this order; the point of order goes to the front of the queue */
  speakers: [
    ["heron", "speech"],
    ["bramble", "speech"],
    ["linnet", "question"],
    ["marigold", "point_of_order"],
    ["willow", "speech"],
  ] as [DemoMemberKey, "speech" | "question" | "point_of_order"][],
  /** two-thirds needed; five for out of nine who did not abstain falls short */
  votes: [
    ["heron", "for"], ["bramble", "against"], ["juniper", "for"], ["sorrel", "for"], ["marigold", "against"],
    ["willow", "for"], ["linnet", "against"], ["rowan", "for"], ["kestrel", "against"], ["harbour", "abstain"],
  ] as [DemoMemberKey, Choice][],
};

const nextSitting = {
  title: "Winter sitting: partnership with the voluntary sector",
  scheduledAt: [-1, "11:00"] as When,
  startsAt: [8, "18:30"] as When,
};

export function planSittings(ctx: StoryContext & { chair: Actor }) {
  const { services, people, chair, motionIds, on, at, rules } = ctx;
  const local = (when: When) => epochToZonedLocal(at(when), rules.timeZone);
  const minutesAfter = (when: When, minutes: number) => at(when) + minutes * MINUTE_MS;

  let sittingId = 0;
  let itemId = 0;
  let ballotId = 0;
  const start = springSitting.startsAt;
  on(springSitting.scheduledAt, async () => {
    ({ sittingId } = await services.sittings.schedule(chair, { title: springSitting.title, startsAt: local(start), ...venue }));
    ({ itemId } = await services.sittings.addToAgenda(chair, sittingId, { motionId: motionIds.boundaries.id }));
  });
  springSitting.arrivals.forEach((member, i) => on(minutesAfter(start, -10 + i), () => services.presence.pageViewed(people[member], sittingId)));
  on(minutesAfter(start, 2), () => services.sittings.open(chair, sittingId));
  on(minutesAfter(start, 5), () => services.sittings.startNextItem(chair, sittingId));
  springSitting.speakers.forEach(([member, kind], i) =>
    on(minutesAfter(start, 6 + i), () => services.sittings.requestToSpeak(people[member], { itemId, kind })),
  );
  // Each speaker is called in turn and given about four minutes.
  springSitting.speakers.forEach((_, i) => {
    on(minutesAfter(start, 12 + i * 5), () => services.sittings.callNextSpeaker(chair, { itemId }));
    on(minutesAfter(start, 16 + i * 5), () => services.sittings.endSpeech(chair, { itemId }));
  });
  on(minutesAfter(start, 40), async () => {
    ({ ballotId } = await services.liveBallots.open(chair, { itemId, kind: "recorded", rule: "two_thirds" }));
  });
  springSitting.votes.forEach(([member, choice], i) => on(minutesAfter(start, 41) + i * 20_000, () => services.ballots.vote(people[member], ballotId, { choice })));
  on(minutesAfter(start, 46), () => services.liveBallots.close(chair, { itemId }));
  on(minutesAfter(start, 50), () => services.sittings.close(chair, sittingId));

  on(nextSitting.scheduledAt, async () => {
    const { sittingId: next } = await services.sittings.schedule(chair, { title: nextSitting.title, startsAt: local(nextSitting.startsAt), ...venue });
    await services.sittings.addToAgenda(chair, next, { motionId: motionIds.partnership.id });
  });
}
