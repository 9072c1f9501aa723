// Read models for sittings: the list, one sitting's live page, and the minutes of a closed one.
import type { Sitting } from "../../db/schema";
import { type Viewer, isChair, isMember } from "../domain/permissions";
import { isActiveItem, queueOrder } from "../domain/sitting-rules";
import type { Db } from "../services/deps";
import { loadBallotViews, loadBallotViewsWithoutRoll, publicTally } from "./ballot-view";
import { personName } from "./names";

function sittingSummary(s: Sitting) {
  return {
    id: s.id,
    title: s.title,
    startsAt: s.starts_at,
    place: s.place,
    onlineLink: s.online_link,
    status: s.status,
    speakingSeconds: s.speaking_seconds,
    openedAt: s.opened_at,
    closedAt: s.closed_at,
    galleryPeak: s.gallery_peak,
  };
}

export type SittingSummary = ReturnType<typeof sittingSummary>;

/**
 * Upcoming and current sittings (soonest first), and past ones a page at a time, latest held
 * first: by when they opened, which can be days before the time they were scheduled for.
 */
export async function listSittings(db: Db, { page = 1, pageSize = 20 }: { page?: number; pageSize?: number } = {}) {
  const counts = db
    .selectFrom("agenda_items")
    .select(["sitting_id", (eb) => eb.fn.countAll<number>().as("items")])
    .groupBy("sitting_id")
    .as("counts");
  const base = db
    .selectFrom("sittings")
    .leftJoin(counts, "counts.sitting_id", "sittings.id")
    .selectAll("sittings")
    .select("counts.items");
  const [upcoming, past, total] = await Promise.all([
    base.where("sittings.status", "!=", "closed").orderBy("sittings.starts_at").execute(),
    base
      .where("sittings.status", "=", "closed")
      .orderBy((eb) => eb.fn.coalesce("sittings.opened_at", "sittings.starts_at"), "desc")
      .orderBy("sittings.id", "desc")
      .limit(pageSize)
      .offset((Math.max(1, page) - 1) * pageSize)
      .execute(),
    db.selectFrom("sittings").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "closed").executeTakeFirstOrThrow(),
  ]);
  const withItems = (r: Sitting & { items: number | null }) => ({ ...sittingSummary(r), items: Number(r.items ?? 0) });
  // The home page lists what each coming sitting will debate: one query for all their items.
  const agendas = upcoming.length
    ? await db
        .selectFrom("agenda_items")
        .innerJoin("motions", "motions.id", "agenda_items.motion_id")
        .select(["agenda_items.sitting_id", "agenda_items.id", "motions.number", "motions.title"])
        .where("agenda_items.sitting_id", "in", upcoming.map((s) => s.id))
        .orderBy("agenda_items.sitting_id")
        .orderBy("agenda_items.position")
        .execute()
    : [];
  return {
    upcoming: upcoming.map((r) => ({
      ...withItems(r),
      agenda: agendas.filter((a) => a.sitting_id === r.id).map((a) => ({ itemId: a.id, number: a.number!, title: a.title })),
    })),
    past: past.map(withItems),
    page: Math.max(1, page),
    pageCount: Math.max(1, Math.ceil(Number(total.n) / pageSize)),
  };
}

async function loadAgenda(db: Db, sittingId: number) {
  return db
    .selectFrom("agenda_items")
    .innerJoin("motions", "motions.id", "agenda_items.motion_id")
    .select([
      "agenda_items.id",
      "agenda_items.position",
      "agenda_items.status",
      "agenda_items.started_at",
      "agenda_items.ended_at",
      "motions.id as motion_id",
      "motions.number",
      "motions.title",
      "motions.summary",
      "motions.status as motion_status",
    ])
    .where("agenda_items.sitting_id", "=", sittingId)
    .orderBy("agenda_items.position")
    .execute();
}

async function loadSpeakers(db: Db, itemIds: number[]) {
  if (!itemIds.length) return [];
  return db
    .selectFrom("speaker_requests")
    .innerJoin("users", "users.id", "speaker_requests.member_id")
    .select([
      "speaker_requests.id",
      "speaker_requests.item_id",
      "speaker_requests.member_id",
      "speaker_requests.kind",
      "speaker_requests.status",
      "speaker_requests.requested_at",
      "speaker_requests.called_at",
      "speaker_requests.ended_at",
      "users.display_name",
      "users.status as user_status",
    ])
    .where("speaker_requests.item_id", "in", itemIds)
    .orderBy("speaker_requests.id")
    .execute();
}

/** One sitting as its page shows it to this viewer. */
export async function getSittingPage(db: Db, sittingId: number, viewer: Viewer) {
  const sitting = await db.selectFrom("sittings").selectAll().where("id", "=", sittingId).executeTakeFirst();
  if (!sitting) return null;
  const agenda = await loadAgenda(db, sitting.id);
  const active = agenda.find((i) => isActiveItem(i.status)) ?? null;
  const [speakers, ballots, candidates] = await Promise.all([
    loadSpeakers(db, active ? [active.id] : []),
    db.selectFrom("ballots").selectAll().where("sitting_id", "=", sitting.id).orderBy("id").execute(),
    isChair(viewer) && sitting.status !== "closed"
      ? db
          .selectFrom("motions")
          .select(["id", "number", "title"])
          .where("status", "=", "seconded")
          .orderBy("seconded_at")
          .execute()
      : Promise.resolve([]),
  ]);
  const ballotViews = await loadBallotViewsWithoutRoll(db, ballots, viewer);
  const named = (r: (typeof speakers)[number]) => ({
    requestId: r.id,
    name: personName(r.display_name, r.user_status),
    kind: r.kind,
    requestedAt: r.requested_at,
    calledAt: r.called_at,
    mine: r.member_id === viewer?.id,
  });
  const current = speakers.find((r) => r.status === "speaking");
  const inSession = sitting.status === "open";
  const liveBallot = ballotViews.find((b) => b.status === "open") ?? null;
  return {
    sitting: sittingSummary(sitting),
    items: agenda.map((i) => ({
      id: i.id,
      position: i.position,
      status: i.status,
      startedAt: i.started_at,
      endedAt: i.ended_at,
      motion: { id: i.motion_id, number: i.number!, title: i.title, summary: i.summary, status: i.motion_status },
      ballots: ballotViews.filter((b) => b.agendaItemId === i.id),
    })),
    activeItemId: active?.id ?? null,
    queue: {
      current: current ? named(current) : null,
      waiting: queueOrder(speakers).map(named),
    },
    liveBallot,
    candidates,
    can: {
      chair: isChair(viewer) && sitting.status !== "closed",
      speak: isMember(viewer) && inSession && active !== null,
      vote: isMember(viewer) && liveBallot !== null,
    },
  };
}

export type SittingPage = NonNullable<Awaited<ReturnType<typeof getSittingPage>>>;

/** The minutes, generated from what happened: attendance, items, speakers in order, ballots. */
export async function getMinutes(db: Db, sittingId: number) {
  const sitting = await db.selectFrom("sittings").selectAll().where("id", "=", sittingId).executeTakeFirst();
  if (!sitting) return null;
  const agenda = await loadAgenda(db, sitting.id);
  const [speakers, ballots, attendance] = await Promise.all([
    loadSpeakers(db, agenda.map((i) => i.id)),
    db.selectFrom("ballots").selectAll().where("sitting_id", "=", sitting.id).orderBy("id").execute(),
    db
      .selectFrom("sitting_presence")
      .innerJoin("users", "users.id", "sitting_presence.member_id")
      .select(["users.display_name", "users.status"])
      .where("sitting_presence.sitting_id", "=", sitting.id)
      .orderBy("users.display_name_key")
      .execute(),
  ]);
  const ballotViews = await loadBallotViews(db, ballots, null);
  return {
    sitting: sittingSummary(sitting),
    attendance: attendance.map((a) => personName(a.display_name, a.status)),
    items: agenda.map((i) => ({
      id: i.id,
      position: i.position,
      status: i.status,
      startedAt: i.started_at,
      endedAt: i.ended_at,
      motion: { id: i.motion_id, number: i.number!, title: i.title, status: i.motion_status },
      speakers: speakers
        .filter((s) => s.item_id === i.id && s.called_at !== null)
        .sort((a, b) => a.called_at! - b.called_at!)
        .map((s) => ({ name: personName(s.display_name, s.user_status), kind: s.kind, calledAt: s.called_at!, endedAt: s.ended_at })),
      ballots: ballotViews.filter((b) => b.agendaItemId === i.id),
    })),
  };
}

export type Minutes = NonNullable<Awaited<ReturnType<typeof getMinutes>>>;

/** The tally anyone may see right now, for the live fan-out. */
export async function getBallotTally(db: Db, ballotId: number) {
  const b = await db.selectFrom("ballots").selectAll().where("id", "=", ballotId).executeTakeFirst();
  if (!b) return null;
  return {
    ballotId: b.id,
    motionId: b.motion_id,
    sittingId: b.sitting_id,
    kind: b.kind,
    status: b.status,
    outcome: b.outcome,
    quorum: b.quorum,
    eligible: b.eligible_count,
    ...publicTally(b),
  };
}
