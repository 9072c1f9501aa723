// Searching the public record: what the search page asks for and what it gets back. The
// engine-specific part is db/search.ts; here are the filters, the cursors and the motions.
import type { MotionStatus, ResponseStatus } from "../../db/schema";
import {
  type DocKind,
  type SearchCursor,
  type SearchFilters,
  type SearchSort,
  hasTerms,
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

/** Cursors are opaque to readers: base64url of the last row's sort key, kind and id. */
export function encodeCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify([c.key, c.kind, c.id])).toString("base64url");
}

export function decodeCursor(value: string | undefined): SearchCursor | undefined {
  if (!value) return undefined;
  try {
    const [key, kind, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (typeof key === "number" && typeof kind === "string" && Number.isInteger(id)) return { key, kind, id };
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

/** A page of matches in motions, responses and actions, plus a preview of the discussion. */
export async function searchPublicRecord(db: Db, request: SearchRequest) {
  const terms = searchTerms(request.q);
  const after = decodeCursor(request.after);
  if (!hasTerms(terms)) return { terms, hits: [] as RecordHit[], next: null, discussion: [], discussionMore: false };

  const onlyDiscussion = request.in === "discussion";
  const [hits, posts] = await Promise.all([
    onlyDiscussion
      ? Promise.resolve([])
      : searchRecord(db, { terms, filters: request.filters, sort: request.sort, limit: PAGE_SIZE + 1, after }),
    // The discussion preview shows on the first page only; its own pages go by post id.
    !onlyDiscussion && after
      ? Promise.resolve([])
      : searchDiscussion(db, {
          terms,
          filters: request.filters,
          limit: (onlyDiscussion ? PAGE_SIZE : DISCUSSION_PREVIEW) + 1,
          before: onlyDiscussion ? after?.id : undefined,
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
