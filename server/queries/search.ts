// Searching the public record: what the search page asks for and what it gets back. The
// engine-specific part is db/search.ts; here are the filters, the cursors and the motions.
import { sql } from "kysely";
import type { MotionStatus, ResponseStatus } from "../../db/schema";
import {
  type DocKind,
  type SearchCursor,
  type SearchFilters,
  type SearchSort,
  defaultSearchPlan,
  hasTerms,
  narrowedMotions,
  searchDiscussion,
  searchRecord,
  searchTerms,
} from "../../db/search";
import type { Db } from "../services/deps";

export const PAGE_SIZE = 20;
export const DISCUSSION_PREVIEW = 5;

export interface SearchRequest {
  q: string;
  filters: SearchFilters;
  sort: SearchSort;
  after?: string;
  /** "discussion" pages through posts only */
  in?: "record" | "discussion";
}

const cursorKinds = ["motion", "response", "action", "post"];
const MAX_ID = 2 ** 31 - 1;

/** Cursors are opaque to readers: base64url of the last row's sort key, kind and id. */
export function encodeCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify([c.key, c.kind, c.id])).toString("base64url");
}

export function decodeCursor(value: string | undefined): SearchCursor | undefined {
  if (!value) return undefined;
  try {
    const [key, kind, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    // A hand-edited cursor must not reach the database as Infinity or an id past integer range.
    if (Number.isFinite(key) && cursorKinds.includes(kind) && Number.isInteger(id) && id >= 0 && id <= MAX_ID) return { key, kind, id };
  } catch {
    // fall through: a damaged cursor starts from the beginning
  }
  return undefined;
}

async function motionsById(db: Db, ids: number[]) {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom("motions")
    .innerJoin("bodies", "bodies.id", "motions.body_id")
    .select([
      "motions.id",
      "motions.number",
      "motions.title",
      "motions.status",
      "motions.response_status",
      "motions.published_at",
      "bodies.name as body_name",
    ])
    .where("motions.id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export interface RecordHit {
  kind: DocKind;
  refId: number;
  at: number;
  snippet: string;
  motion: { number: string; title: string; status: MotionStatus; responseStatus: ResponseStatus | null; bodyName: string };
}

/**
 * What the filters offer: the topics of published motions and the sittings. Topics are read
 * with a skip scan over their index (one step per distinct topic), so the cost follows the
 * number of topics, not of motions; a topic only drafts use stays private.
 */
export async function searchFilterChoices(db: Db) {
  const [topics, sittings] = await Promise.all([
    sql<{ topic: string }>`
      with recursive t(topic, n) as (
        select min(topic), 1 from motion_topics
        union all
        select (select min(topic) from motion_topics where topic > t.topic), n + 1 from t where t.topic is not null and n < ${MAX_TOPICS * 4}
      )
      select topic from t
      where topic is not null
        and exists (select 1 from motion_topics mt join motions m on m.id = mt.motion_id where mt.topic = t.topic and m.status <> 'draft')
      order by topic
      limit ${MAX_TOPICS}`.execute(db),
    db.selectFrom("sittings").select(["id", "title", "starts_at"]).orderBy("starts_at", "desc").orderBy("id", "desc").limit(MAX_SITTINGS).execute(),
  ]);
  return {
    topics: topics.rows.map((r) => r.topic),
    sittings: sittings.map((s) => ({ id: s.id, title: s.title, startsAt: Number(s.starts_at) })),
  };
}

const MAX_TOPICS = 200;
const MAX_SITTINGS = 200;

/**
 * A page of matches in motions, responses and actions, plus a preview of the discussion, and
 * the choices the search page's filters offer.
 */
export async function searchPublicRecord(db: Db, request: SearchRequest) {
  const [choices, found] = await Promise.all([searchFilterChoices(db), searchMatches(db, request)]);
  return { ...found, choices };
}

async function searchMatches(db: Db, request: SearchRequest) {
  const terms = searchTerms(request.q);
  const after = decodeCursor(request.after);
  /** a cursor that could not be read: the page says it started again from the beginning */
  const cursorIgnored = Boolean(request.after) && !after;
  if (!hasTerms(terms)) return { terms, cursorIgnored, hits: [] as RecordHit[], next: null, discussion: [], discussionMore: false };

  const onlyDiscussion = request.in === "discussion";
  // A sitting's or topic's few motions are looked up once, for the record and the discussion.
  const narrowed = narrowedMotions(db, request.filters, defaultSearchPlan);
  const [hits, posts] = await Promise.all([
    onlyDiscussion
      ? Promise.resolve([])
      : searchRecord(db, { terms, filters: request.filters, sort: request.sort, limit: PAGE_SIZE + 1, after, narrowed }),
    // The discussion preview shows on the first page only; its own pages go by post id.
    !onlyDiscussion && after
      ? Promise.resolve([])
      : searchDiscussion(db, {
          terms,
          filters: request.filters,
          limit: (onlyDiscussion ? PAGE_SIZE : DISCUSSION_PREVIEW) + 1,
          before: onlyDiscussion ? after?.id : undefined,
          narrowed,
        }),
  ]);
  const pageHits = hits.slice(0, PAGE_SIZE);
  const postLimit = onlyDiscussion ? PAGE_SIZE : DISCUSSION_PREVIEW;
  const pagePosts = posts.slice(0, postLimit);
  const motions = await motionsById(db, [...new Set([...pageHits.map((h) => h.motionId), ...pagePosts.map((p) => p.motionId)])]);
  const describe = (id: number) => {
    const m = motions.get(id)!;
    return { number: m.number!, title: m.title, status: m.status, responseStatus: m.response_status, bodyName: m.body_name };
  };
  const last = pageHits.at(-1);
  const lastPost = pagePosts.at(-1);
  return {
    terms,
    cursorIgnored,
    hits: pageHits.map((h): RecordHit => ({ kind: h.kind, refId: h.refId, at: h.at, snippet: h.snippet, motion: describe(h.motionId) })),
    next: onlyDiscussion
      ? posts.length > postLimit && lastPost
        ? encodeCursor({ key: 0, kind: "post", id: lastPost.postId })
        : null
      : hits.length > PAGE_SIZE && last
        ? encodeCursor({ key: last.key, kind: last.kind, id: last.refId })
        : null,
    discussion: pagePosts.map((p) => ({ postId: p.postId, at: p.at, snippet: p.snippet, motion: describe(p.motionId) })),
    discussionMore: posts.length > postLimit,
  };
}

/** Motions like the one being written, so members can join an existing motion instead. */
export async function findSimilarMotions(db: Db, text: string, limit = 5) {
  // Any of the most distinctive words: motions sharing more of them rank higher.
  const words = [...new Set(searchTerms(text).words.filter((w) => w.length > 3))].sort((a, b) => b.length - a.length).slice(0, 8);
  if (!words.length) return [];
  const hits = await searchRecord(db, {
    terms: { words, phrases: [], match: "any" },
    filters: {},
    sort: "relevance",
    limit,
    kinds: ["motion"],
  });
  const motions = await motionsById(db, hits.map((h) => h.motionId));
  return hits.map((h) => {
    const m = motions.get(h.motionId)!;
    return { number: m.number as string, title: m.title as string, status: m.status as MotionStatus };
  });
}
