// Full-text search, the one place outside migrations where the two databases differ: SQLite
// asks its FTS5 tables (bm25 rank, snippet), Postgres its tsvector tables (ts_rank,
// ts_headline). Both return the same rows, so everything above this file is dialect-free.
import { type Kysely, PostgresAdapter, type RawBuilder, sql } from "kysely";
import type { Database, MotionStatus, ResponseStatus } from "./schema";

export type DocKind = "motion" | "response" | "action";
export const docKinds: DocKind[] = ["motion", "response", "action"];

/** Marks around matched words in snippets: control characters, so no text can contain them. */
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";

export interface SearchFilters {
  status?: MotionStatus;
  bodyId?: number;
  topic?: string;
  /** motion published on or after / before (epoch ms) */
  from?: number;
  to?: number;
  sittingId?: number;
  responseStatus?: ResponseStatus;
}

export type SearchSort = "relevance" | "newest" | "oldest";

/** Where the previous page ended; the next page starts strictly after it. */
export interface SearchCursor {
  key: number;
  kind: string;
  id: number;
}

export interface SearchHit {
  kind: DocKind;
  refId: number;
  motionId: number;
  /** the sort key: a rank (lower is better) or a time */
  key: number;
  at: number;
  snippet: string;
}

export interface PostHit {
  postId: number;
  motionId: number;
  at: number;
  snippet: string;
}

/**
 * Words and "quoted phrases" from what someone typed, with everything that could be query
 * syntax removed. Both engines then match all of them (AND), stemmed.
 */
export function searchTerms(input: string): { words: string[]; phrases: string[][] } {
  const phrases: string[][] = [];
  const rest = input.replace(/"([^"]*)"/g, (_, phrase: string) => {
    const words = wordsOf(phrase);
    if (words.length) phrases.push(words);
    return " ";
  });
  return { words: wordsOf(rest), phrases };
}

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

export interface Terms {
  words: string[];
  phrases: string[][];
  /** all terms must match (a search), or any of them (finding similar motions) */
  match?: "all" | "any";
}

export function hasTerms(terms: Terms) {
  return terms.words.length + terms.phrases.length > 0;
}

const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

function ftsQuery(terms: Terms): string {
  // Every token quoted: FTS5 then reads it as a plain string, never as an operator.
  const parts = [...terms.words.map((w) => `"${w}"`), ...terms.phrases.map((p) => `"${p.join(" ")}"`)];
  return parts.join(terms.match === "any" ? " OR " : " ");
}

function tsQuery(terms: Terms): RawBuilder<unknown> {
  const parts = [
    ...terms.words.map((w) => sql`plainto_tsquery('english', ${w})`),
    ...terms.phrases.map((p) => sql`phraseto_tsquery('english', ${p.join(" ")})`),
  ];
  return sql`(${sql.join(parts, terms.match === "any" ? sql` || ` : sql` && `)})`;
}

function motionFilters(f: SearchFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`m.status <> 'draft'`];
  if (f.status) parts.push(sql`m.status = ${f.status}`);
  if (f.bodyId) parts.push(sql`m.body_id = ${f.bodyId}`);
  if (f.responseStatus) parts.push(sql`m.response_status = ${f.responseStatus}`);
  if (f.from !== undefined) parts.push(sql`m.published_at >= ${f.from}`);
  if (f.to !== undefined) parts.push(sql`m.published_at < ${f.to}`);
  if (f.topic) parts.push(sql`exists (select 1 from motion_topics t where t.motion_id = m.id and t.topic = ${f.topic})`);
  if (f.sittingId) parts.push(sql`exists (select 1 from agenda_items a where a.motion_id = m.id and a.sitting_id = ${f.sittingId})`);
  return sql.join(parts, sql` and `);
}

/** For each kind: its index, the row it points at, and the row's own time. */
const sources = {
  motion: { fts: "motions_fts", from: sql`join motions m on m.id = x.id`, at: sql`m.published_at`, id: sql`m.id` },
  response: {
    fts: "responses_fts",
    from: sql`join responses r on r.id = x.id join motions m on m.id = r.motion_id`,
    at: sql`r.published_at`,
    id: sql`r.id`,
  },
  action: {
    fts: "response_actions_fts",
    from: sql`join response_actions ra on ra.id = x.id join motions m on m.id = ra.motion_id`,
    at: sql`ra.created_at`,
    id: sql`ra.id`,
  },
} as const;

function keyExpression(sort: SearchSort, rank: RawBuilder<unknown>, at: RawBuilder<unknown>) {
  if (sort === "relevance") return rank;
  // Standard SQL, read by both: a float like the rank, so the union's key column has one type.
  return sort === "newest" ? sql`cast(-${at} as double precision)` : sql`cast(${at} as double precision)`;
}

function afterCursor(cursor: SearchCursor | undefined) {
  if (!cursor) return sql`1 = 1`;
  return sql`(key > ${cursor.key} or (key = ${cursor.key} and kind > ${cursor.kind}) or (key = ${cursor.key} and kind = ${cursor.kind} and ref_id > ${cursor.id}))`;
}

/** Motions, responses and actions matching the terms and filters, one page, best first. */
export async function searchRecord(
  db: Kysely<Database>,
  { terms, filters, sort, limit, after, kinds = docKinds }: {
    terms: Terms;
    filters: SearchFilters;
    sort: SearchSort;
    limit: number;
    after?: SearchCursor;
    kinds?: DocKind[];
  },
): Promise<SearchHit[]> {
  const pg = isPostgres(db);
  const where = motionFilters(filters);
  const branches = kinds.map((kind) => {
    const s = sources[kind];
    const index = sql.table(s.fts);
    if (pg) {
      // float8, so the rank in a cursor compares equal to the one the database computes again.
      const rank = sql`(-ts_rank(x.document, q.query))::float8`;
      return sql`select ${sql.lit(kind)} as kind, ${s.id} as ref_id, m.id as motion_id, ${s.at} as at, ${keyExpression(sort, rank, s.at)} as key
        from ${index} x cross join (select ${tsQuery(terms)} as query) q ${s.from}
        where x.document @@ q.query and ${where}`;
    }
    // bm25 is negative, lower is better; earlier columns (title, summary) weigh more.
    const rank = kind === "motion" ? sql`bm25(${index}, 8.0, 4.0, 2.0, 1.0)` : sql`bm25(${index})`;
    return sql`select ${sql.lit(kind)} as kind, ${s.id} as ref_id, m.id as motion_id, ${s.at} as at, ${keyExpression(sort, sql`x.rank_value`, s.at)} as key
      from (select rowid as id, ${rank} as rank_value from ${index} where ${index} match ${ftsQuery(terms)}) x cross ${s.from}
      where ${where}`;
  });
  const rows = await sql<{ kind: DocKind; ref_id: number; motion_id: number; at: number; key: number }>`
    select * from (${sql.join(branches, sql` union all `)}) hits
    where ${afterCursor(after)}
    order by key, kind, ref_id
    limit ${limit}`.execute(db);
  const hits = rows.rows.map((r) => ({
    kind: r.kind,
    refId: Number(r.ref_id),
    motionId: Number(r.motion_id),
    key: Number(r.key),
    at: Number(r.at),
    snippet: "",
  }));
  await addSnippets(db, pg, terms, hits);
  return hits;
}

/** Snippets only for the page shown: highlighting every match would cost far more. */
async function addSnippets(db: Kysely<Database>, pg: boolean, terms: Terms, hits: SearchHit[]) {
  for (const kind of docKinds) {
    const ids = hits.filter((h) => h.kind === kind).map((h) => h.refId);
    if (!ids.length) continue;
    const table = { motion: "motions", response: "responses", action: "response_actions" }[kind];
    const text = {
      motion: sql`coalesce(summary, '') || ' … ' || text || ' … ' || rationale`,
      response: sql`summary || ' … ' || reasons`,
      action: sql`description`,
    }[kind];
    const rows = pg
      ? await sql<{ id: number; snippet: string }>`
          select id, ts_headline('english', ${text}, ${tsQuery(terms)},
            ${`StartSel=${MARK_START},StopSel=${MARK_END},MaxWords=35,MinWords=15,ShortWord=2,MaxFragments=2,FragmentDelimiter=" … "`}) as snippet
          from ${sql.table(table)} where id in (${sql.join(ids)})`.execute(db)
      : await sql<{ id: number; snippet: string }>`
          select rowid as id, snippet(${sql.table(`${table}_fts`)}, -1, ${MARK_START}, ${MARK_END}, ' … ', 24) as snippet
          from ${sql.table(`${table}_fts`)} where ${sql.table(`${table}_fts`)} match ${ftsQuery(terms)} and rowid in (${sql.join(ids)})`.execute(db);
    for (const row of rows.rows) {
      const hit = hits.find((h) => h.kind === kind && h.refId === Number(row.id));
      if (hit) hit.snippet = row.snippet;
    }
  }
}

/** Posts that mention the terms, newest first: "mentioned in discussion". Hidden and deleted posts never. */
export async function searchDiscussion(
  db: Kysely<Database>,
  { terms, filters, limit, before }: { terms: Terms; filters: SearchFilters; limit: number; before?: number },
): Promise<PostHit[]> {
  const pg = isPostgres(db);
  const where = sql`${motionFilters(filters)} and p.deleted_at is null and p.hidden_at is null ${before ? sql`and p.id < ${before}` : sql``}`;
  const rows = pg
    ? await sql<{ id: number; motion_id: number; at: number; snippet: string }>`
        select p.id, p.motion_id, p.created_at as at,
          ts_headline('english', p.body, ${tsQuery(terms)}, ${`StartSel=${MARK_START},StopSel=${MARK_END},MaxWords=30,MinWords=10`}) as snippet
        from (select f.id from posts_fts f join posts p on p.id = f.id join motions m on m.id = p.motion_id
              where f.document @@ (${tsQuery(terms)}) and ${where}
              order by f.id desc limit ${limit}) top
        join posts p on p.id = top.id
        order by p.id desc`.execute(db)
    : await sql<{ id: number; motion_id: number; at: number; snippet: string }>`
        select p.id, p.motion_id, p.created_at as at, snippet(posts_fts, -1, ${MARK_START}, ${MARK_END}, ' … ', 20) as snippet
        from posts_fts join posts p on p.id = posts_fts.rowid join motions m on m.id = p.motion_id
        where posts_fts match ${ftsQuery(terms)} and ${where}
        order by posts_fts.rowid desc limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ postId: Number(r.id), motionId: Number(r.motion_id), at: Number(r.at), snippet: r.snippet }));
}
