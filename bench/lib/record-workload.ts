// What the benchmark asks for: motion pages spread over the whole record (so no cache can
// flatter), list pages with and without filters, and a fixed set of searches (common words,
// rare ones, phrases, several words, one that matches nothing), each also with filters.
import SQLite from "better-sqlite3";
import type { SearchRequest } from "../../server/queries/search";
import { Rng } from "./record-random";

export const searchQueries = [
  "peer support",
  "crisis",
  "waiting list",
  "carers respite",
  "housing discharge",
  "pets",
  "co-production",
  '"crisis café"',
  '"out-of-area placements"',
  "makaton",
  "hedgehog",
  "interpreter assessment",
  "restraint ward",
  "young people transition",
  '"mother and baby unit"',
  "benefits adviser employment",
  "suicide prevention training",
  "contract notice funding",
  "ADHD assessment waiting",
  "xylophone",
];

export interface Workload {
  motionNumbers: string[];
  /** mean thread length of the sampled pages */
  meanPosts: number;
  listPaths: string[];
  search: { label: string; filtered: boolean; path: string; request: SearchRequest }[];
}

interface Filter {
  name: string;
  params: Record<string, string>;
  request: SearchRequest["filters"];
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export function buildWorkload(file: string, options: { pages: number; seed: number; exclude: string }): Workload {
  const db = new SQLite(file, { readonly: true });
  const rng = new Rng(options.seed + 7);
  try {
    const numbers = (db.prepare("select number from motions where number is not null and number <> ?").all(options.exclude) as { number: string }[]).map((r) => r.number);
    const picked = rng.distinct(Math.min(options.pages, numbers.length), numbers.length).map((i) => numbers[i]);
    const posts = db
      .prepare(`select avg(n) as mean from (select (select count(*) from posts p where p.motion_id = m.id) as n from motions m where m.number in (${picked.slice(0, 2000).map(() => "?").join(",")}))`)
      .get(...picked.slice(0, 2000)) as { mean: number };
    const bodies = db.prepare("select id, slug from bodies order by id").all() as { id: number; slug: string }[];
    const span = db.prepare("select min(published_at) as first, max(published_at) as last from motions").get() as { first: number; last: number };
    const sitting = db.prepare("select sitting_id as id from agenda_items group by sitting_id order by count(*) desc, sitting_id limit 1").get() as { id: number };
    const pageCount = Math.ceil(numbers.length / 20);

    const listPaths = [
      "/motions",
      "/motions?status=carried",
      "/motions?status=open",
      "/motions?response=awaiting",
      `/motions?body=${bodies[0].slug}`,
      `/motions?status=defeated&body=${bodies[1].slug}`,
      ...Array.from({ length: 14 }, () => `/motions?page=${rng.int(2, pageCount)}`),
      ...Array.from({ length: 4 }, () => `/motions?status=lapsed&page=${rng.int(2, 200)}`),
    ];

    const mid = span.first + (span.last - span.first) / 2;
    const from = day(mid - 180 * 86_400_000);
    const to = day(mid + 180 * 86_400_000);
    const filters: Filter[] = [
      { name: "status", params: { status: "carried" }, request: { status: "carried" } },
      { name: "body", params: { body: bodies[0].slug }, request: { bodyId: bodies[0].id } },
      { name: "topic", params: { topic: "housing" }, request: { topic: "housing" } },
      { name: "dates", params: { from, to }, request: { from: Date.parse(`${from}T00:00:00Z`), to: Date.parse(`${to}T00:00:00Z`) + 86_400_000 } },
      { name: "response", params: { response: "responded" }, request: { responseStatus: "responded" } },
      { name: "status+body", params: { status: "defeated", body: bodies[1].slug }, request: { status: "defeated", bodyId: bodies[1].id } },
      { name: "status+response+dates", params: { status: "carried", response: "closed", from }, request: { status: "carried", responseStatus: "closed", from: Date.parse(`${from}T00:00:00Z`) } },
      { name: "sitting", params: { sitting: String(sitting.id) }, request: { sittingId: sitting.id } },
    ];
    const search: Workload["search"] = [];
    searchQueries.forEach((q, i) => {
      search.push({ label: q, filtered: false, path: `/search?${new URLSearchParams({ q })}`, request: { q, filters: {}, sort: "relevance" } });
      for (const f of [filters[i % filters.length], filters[(i + 3) % filters.length]]) {
        search.push({ label: `${q} [${f.name}]`, filtered: true, path: `/search?${new URLSearchParams({ q, ...f.params })}`, request: { q, filters: f.request, sort: "relevance" } });
      }
    });
    return { motionNumbers: picked, meanPosts: Math.round(posts.mean * 10) / 10, listPaths, search };
  } finally {
    db.close();
  }
}
