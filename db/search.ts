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
  motion: { fts: "motions_fts", table: "motions", from: sql`join motions m on m.id = x.id`, at: sql`m.published_at`, id: sql`m.id` },
  response: {
    fts: "responses_fts",
    table: "responses",
    from: sql`join responses r on r.id = x.id join motions m on m.id = r.motion_id`,
    at: sql`r.published_at`,
    id: sql`r.id`,
  },
  action: {
    fts: "response_actions_fts",
    table: "response_actions",
    from: sql`join response_actions ra on ra.id = x.id join motions m on m.id = ra.motion_id`,
    at: sql`ra.created_at`,
    id: sql`ra.id`,
  },
} as const;

function keyExpression(sort: SearchSort, rank: RawBuilder<unknown>, at: RawBuilder<unknown>) {
  if (sort === "relevance") return rank;
  // Standard SQL, read by both: a float like the rank, so every kind's key has one type.
  return sort === "newest" ? sql`cast(-${at} as double precision)` : sql`cast(${at} as double precision)`;
}

/**
 * Rows of one kind that come after the cursor in the order (key, kind, id). The kind is fixed
 * within a kind's query, so the comparison on kind is settled here rather than in SQL.
 */
function afterCursor(kind: DocKind, cursor: SearchCursor | undefined, key: RawBuilder<unknown>, id: RawBuilder<unknown>) {
  if (!cursor) return sql`1 = 1`;
  if (kind < cursor.kind) return sql`${key} > ${cursor.key}`;
  if (kind > cursor.kind) return sql`${key} >= ${cursor.key}`;
  return sql`(${key} > ${cursor.key} or (${key} = ${cursor.key} and ${id} > ${cursor.id}))`;
}

const compareHits = (a: SearchHit, b: SearchHit) =>
  a.key - b.key || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || a.refId - b.refId;

/**
 * How a search is carried out; the defaults suit the record at 100,000 motions (see
 * bench/README.md). Tests set them small so that every path runs on a small record.
 */
export interface SearchPlan {
  /**
   * Ranked by relevance, each kind first takes this many best matches from its index alone
   * and only then joins them to their motions for the filters: ranking is cheap, the join
   * for every match of a common word is not. Too few left after the filters: one more try
   * with as many candidates as the filters' pass rate needs, up to `maxCandidates`, and
   * after that the full query.
   */
  candidates: number;
  /**
   * A sitting or topic filter that leaves at most this many motions is searched from those
   * motions, not from every match in the index.
   */
  narrowMotions: number;
  /** the most candidates a second try takes before the full query is cheaper */
  maxCandidates: number;
}

export const defaultSearchPlan: SearchPlan = { candidates: 400, narrowMotions: 100, maxCandidates: 5000 };

/**
 * The motions a sitting or topic filter leaves, when they are few enough to start from (null:
 * no such filter, or too many). A search page looks them up once for its record and discussion.
 */
export async function narrowedMotions(db: Kysely<Database>, f: SearchFilters, plan: SearchPlan): Promise<number[] | null> {
  if (!f.sittingId && !f.topic) return null;
  const rows = await sql<{ motion_id: number }>`
    ${f.sittingId
      ? sql`select a.motion_id from agenda_items a where a.sitting_id = ${f.sittingId}
          ${f.topic ? sql`and exists (select 1 from motion_topics t where t.motion_id = a.motion_id and t.topic = ${f.topic})` : sql``}`
      : sql`select t.motion_id from motion_topics t where t.topic = ${f.topic}`}
    limit ${plan.narrowMotions + 1}`.execute(db);
  return rows.rows.length > plan.narrowMotions ? null : [...new Set(rows.rows.map((r) => Number(r.motion_id)))];
}

/**
 * A list of ids as SQL integers. better-sqlite3 binds every JavaScript number as a REAL, and
 * an FTS5 table ignores a rowid constraint that is not an INTEGER: `rowid in (?)` would then
 * visit every match instead of the few asked for.
 */
function integers(ids: number[]) {
  return sql.join(ids.map((id) => sql`cast(${id} as integer)`));
}

/** The ids of one kind's rows that belong to the given motions. */
function rowsOfMotions(kind: DocKind, motionIds: number[]) {
  const ids = integers(motionIds);
  if (kind === "motion") return ids;
  return sql`select id from ${sql.table(kind === "response" ? "responses" : "response_actions")} where motion_id in (${ids})`;
}

/** Motions, responses and actions matching the terms and filters, one page, best first. */
export async function searchRecord(
  db: Kysely<Database>,
  { terms, filters, sort, limit, after, kinds = docKinds, plan = defaultSearchPlan, narrowed }: {
    terms: Terms;
    filters: SearchFilters;
    sort: SearchSort;
    limit: number;
    after?: SearchCursor;
    kinds?: DocKind[];
    plan?: SearchPlan;
    /** narrowedMotions() for these filters, when the caller has already looked them up */
    narrowed?: Promise<number[] | null>;
  },
): Promise<SearchHit[]> {
  const pg = isPostgres(db);
  const narrow = await (narrowed ?? narrowedMotions(db, filters, plan));
  if (narrow?.length === 0) return [];
  // Each kind's first `limit` rows after the cursor; the page is the first `limit` of them all.
  const perKind = await Promise.all(kinds.map((kind) => searchKind(db, pg, kind, { terms, filters, sort, limit, after, narrow, plan })));
  const hits = perKind.flat().sort(compareHits).slice(0, limit);
  await addSnippets(db, pg, terms, hits);
  return hits;
}

async function searchKind(
  db: Kysely<Database>,
  pg: boolean,
  kind: DocKind,
  o: { terms: Terms; filters: SearchFilters; sort: SearchSort; limit: number; after?: SearchCursor; narrow: number[] | null; plan: SearchPlan },
): Promise<SearchHit[]> {
  const s = sources[kind];
  const index = sql.table(s.fts);
  // The index's matching rows with their rank (lower is better). bm25 is negative; earlier
  // motion columns (title, summary) weigh more. float8, so the rank in a cursor compares
  // equal to the one the database computes again.
  const matches = pg
    ? sql`select x.id, (-ts_rank(x.document, q.query))::float8 as rank_value
        from ${index} x cross join (select ${tsQuery(o.terms)} as query) q where x.document @@ q.query`
    : sql`select rowid as id, ${kind === "motion" ? sql`bm25(${index}, 8.0, 4.0, 2.0, 1.0)` : sql`bm25(${index})`} as rank_value
        from ${index} where ${index} match ${ftsQuery(o.terms)}`;
  const scoped = o.narrow ? sql`select * from (${matches}) n where n.id in (${rowsOfMotions(kind, o.narrow)})` : matches;
  const key = keyExpression(o.sort, sql`x.rank_value`, s.at);
  const page = (source: RawBuilder<unknown>) =>
    sql<{ ref_id: number; motion_id: number; at: number; key: number }>`
      select ${s.id} as ref_id, m.id as motion_id, ${s.at} as at, ${key} as key
      from (${source}) x ${pg ? sql`` : sql`cross`} ${s.from}
      where ${motionFilters(o.filters)} and ${afterCursor(kind, o.after, key, s.id)}
      order by key, ref_id
      limit ${o.limit}`.execute(db);
  const toHits = (rows: { ref_id: number; motion_id: number; at: number; key: number }[]): SearchHit[] =>
    rows.map((r) => ({ kind, refId: Number(r.ref_id), motionId: Number(r.motion_id), key: Number(r.key), at: Number(r.at), snippet: "" }));

  if (o.sort === "relevance" && !o.narrow && o.plan.candidates > 0) {
    let wanted = o.plan.candidates;
    for (let round = 0; round < 2; round++) {
      const best = await sql<{ id: number; rank_value: number }>`select c.id, c.rank_value from (${matches}) c
        where ${afterCursor(kind, o.after, sql`c.rank_value`, sql`c.id`)}
        order by c.rank_value, c.id
        limit ${wanted}`.execute(db);
      const rank = new Map(best.rows.map((r) => [Number(r.id), Number(r.rank_value)]));
      // The candidates' own rows, read by id, for the filters (the index is not asked again).
      const kept = rank.size
        ? (await sql<{ ref_id: number; motion_id: number; at: number }>`
            select ${s.id} as ref_id, m.id as motion_id, ${s.at} as at
            from (select id from ${sql.table(s.table)} where id in (${sql.join([...rank.keys()])})) x ${pg ? sql`` : sql`cross`} ${s.from}
            where ${motionFilters(o.filters)}`.execute(db)).rows
        : [];
      const found = toHits(kept.map((r) => ({ ...r, key: rank.get(Number(r.ref_id))! })))
        .sort(compareHits)
        .slice(0, o.limit);
      // Enough left after the filters (every match not among the candidates ranks after them),
      // or the candidates were every match there is.
      if (found.length >= o.limit || rank.size < wanted) return found;
      // Too few passed the filters: once more, with as many candidates as that rate needs.
      const next = Math.ceil((wanted * o.limit * 2) / Math.max(found.length, 1));
      if (next > o.plan.maxCandidates) break;
      wanted = next;
    }
  }
  return toHits((await page(scoped)).rows);
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
          from ${sql.table(`${table}_fts`)} where ${sql.table(`${table}_fts`)} match ${ftsQuery(terms)} and rowid in (${integers(ids)})`.execute(db);
    for (const row of rows.rows) {
      const hit = hits.find((h) => h.kind === kind && h.refId === Number(row.id));
      if (hit) hit.snippet = row.snippet;
    }
  }
}

/** Posts that mention the terms, newest first: "mentioned in discussion". Hidden and deleted posts never. */
export async function searchDiscussion(
  db: Kysely<Database>,
  {
    terms,
    filters,
    limit,
    before,
    plan = defaultSearchPlan,
    narrowed,
  }: { terms: Terms; filters: SearchFilters; limit: number; before?: number; plan?: SearchPlan; narrowed?: Promise<number[] | null> },
): Promise<PostHit[]> {
  const pg = isPostgres(db);
  const narrow = await (narrowed ?? narrowedMotions(db, filters, plan));
  if (narrow?.length === 0) return [];
  const where = sql`${motionFilters(filters)} and p.deleted_at is null and p.hidden_at is null
    ${before ? sql`and p.id < ${before}` : sql``}
    ${narrow ? sql`and p.motion_id in (${sql.join(narrow)})` : sql``}`;
  type Row = { id: number; motion_id: number; at: number; snippet: string };
  let rows: Row[];
  if (pg) {
    rows = (await sql<Row>`
        select p.id, p.motion_id, p.created_at as at,
          ts_headline('english', p.body, ${tsQuery(terms)}, ${`StartSel=${MARK_START},StopSel=${MARK_END},MaxWords=30,MinWords=10`}) as snippet
        from (select f.id from posts_fts f join posts p on p.id = f.id join motions m on m.id = p.motion_id
              where f.document @@ (${tsQuery(terms)}) and ${where}
              order by f.id desc limit ${limit}) top
        join posts p on p.id = top.id
        order by p.id desc`.execute(db)).rows;
  } else if (narrow) {
    // A few motions' posts, newest first, each asked of the index: far fewer steps than
    // walking every match of a common word until enough belong to those motions.
    const found = (await sql<Row>`
        select p.id, p.motion_id, p.created_at as at, '' as snippet
        from posts p join motions m on m.id = p.motion_id
        where ${where} and exists (select 1 from posts_fts where posts_fts.rowid = p.id and posts_fts match ${ftsQuery(terms)})
        order by p.id desc limit ${limit}`.execute(db)).rows;
    const snippets = found.length
      ? (await sql<{ id: number; snippet: string }>`
          select rowid as id, snippet(posts_fts, -1, ${MARK_START}, ${MARK_END}, ' … ', 20) as snippet
          from posts_fts where posts_fts match ${ftsQuery(terms)} and rowid in (${integers(found.map((r) => Number(r.id)))})`.execute(db)).rows
      : [];
    rows = found.map((r) => ({ ...r, snippet: snippets.find((x) => Number(x.id) === Number(r.id))?.snippet ?? "" }));
  } else {
    rows = (await sql<Row>`
        select p.id, p.motion_id, p.created_at as at, snippet(posts_fts, -1, ${MARK_START}, ${MARK_END}, ' … ', 20) as snippet
        from posts_fts join posts p on p.id = posts_fts.rowid join motions m on m.id = p.motion_id
        where posts_fts match ${ftsQuery(terms)} and ${where}
        order by posts_fts.rowid desc limit ${limit}`.execute(db)).rows;
  }
  return rows.map((r) => ({ postId: Number(r.id), motionId: Number(r.motion_id), at: Number(r.at), snippet: r.snippet }));
}
