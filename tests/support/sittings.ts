// Scenes for live sittings, built with the real services: a chair, members, seconded motions,
// a scheduled sitting with those motions on its agenda, opened or not. Works for a service test
// (useParliament, manual clock) and for a test against the real server (its own clock).
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import type { Services } from "../../server/services";
import type { Db } from "../../server/services/deps";
import { type TestPerson, createBody, createChair, createMembers, motionInput } from "./factories";

/** What a scene needs: the services and the database they write to. */
export interface Parliamentish {
  services: Services;
  db: Db;
}

export interface AgendaEntry {
  itemId: number;
  motionId: number;
  number: string;
}

export interface SittingScene {
  bodyId: number;
  chair: TestPerson;
  proposer: TestPerson;
  /** members other than the proposer; the first few seconded every motion */
  members: TestPerson[];
  sittingId: number;
  items: AgendaEntry[];
}

/** A valid schedule form, a day ahead of the parliament's clock; override any field. */
export function scheduleInput(p: Parliamentish, overrides: Record<string, unknown> = {}) {
  const { clock, rules } = p.services;
  return {
    title: "Spring sitting of the parliament",
    startsAt: epochToZonedLocal(clock.now() + DAY_MS, rules.timeZone),
    place: "Community hall, Market Street",
    onlineLink: "https://meet.example.org/spring",
    speakingMinutes: 3,
    ...overrides,
  };
}

/** A published motion seconded by the first members, ready for an agenda. */
export async function secondedMotionBy(p: Parliamentish, proposer: TestPerson, seconders: TestPerson[], bodyId: number, title: string) {
  const { id, number } = await p.services.motions.raise(proposer, motionInput(bodyId, { title }), { publish: true });
  for (const m of seconders.slice(0, p.services.rules.secondersRequired)) await p.services.motions.second(m, id);
  return { motionId: id, number: number! };
}

const titles = [
  "Peer workers on the night crisis line",
  "Count pets as part of a person's circle of support",
  "Quiet rooms in every emergency department",
  "Plain-language letters from the community mental health team",
];

/**
 * A sitting with `motions` seconded motions on its agenda, in order, and `members` members
 * besides the proposer. Opened unless `open: false`.
 */
export async function sittingWithAgenda(
  p: Parliamentish,
  { motions = 2, members = 4, open = true }: { motions?: number; members?: number; open?: boolean } = {},
): Promise<SittingScene> {
  const body = await createBody(p.db);
  const [proposer, ...others] = await createMembers(p.db, members + 1);
  const chair = await createChair(p.db);
  const { sittingId } = await p.services.sittings.schedule(chair, scheduleInput(p));
  const items: AgendaEntry[] = [];
  for (let i = 0; i < motions; i++) {
    const motion = await secondedMotionBy(p, proposer, others, body.id, titles[i % titles.length]);
    const { itemId } = await p.services.sittings.addToAgenda(chair, sittingId, { motionId: motion.motionId });
    items.push({ itemId, ...motion });
  }
  if (open) await p.services.sittings.open(chair, sittingId);
  return { bodyId: body.id, chair, proposer, members: others, sittingId, items };
}

/** The scene with its first item taken up for debate. */
export async function sittingInDebate(p: Parliamentish, options: Parameters<typeof sittingWithAgenda>[1] = {}) {
  const scene = await sittingWithAgenda(p, options);
  await p.services.sittings.startItem(scene.chair, { itemId: scene.items[0].itemId });
  return scene;
}

export const motionStatus = async (db: Db, motionId: number) =>
  (await db.selectFrom("motions").select("status").where("id", "=", motionId).executeTakeFirstOrThrow()).status;

export const itemRow = (db: Db, itemId: number) =>
  db.selectFrom("agenda_items").selectAll().where("id", "=", itemId).executeTakeFirstOrThrow();

export const sittingRow = (db: Db, sittingId: number) =>
  db.selectFrom("sittings").selectAll().where("id", "=", sittingId).executeTakeFirstOrThrow();
