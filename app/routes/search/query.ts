// What a search address asks for, read leniently: a value we cannot use is dropped with a plain
// sentence saying so, never a failed page. Pure, so the loader and the links agree on one shape.
import type { MotionStatus, ResponseStatus } from "../../../db/schema";
import { motionStatuses, responseStatusLabels, statusLabels } from "../../../server/domain/motion-state";
import { zonedLocalToEpoch } from "../../../server/domain/time";

export const listedStatuses = motionStatuses.filter((s) => s !== "draft");
export const responseStatuses = Object.keys(responseStatusLabels) as ResponseStatus[];
export const sorts = { relevance: "Best match first", newest: "Newest first", oldest: "Oldest first" } as const;
export type Sort = keyof typeof sorts;

/** The form's values as typed, kept for the fields and for every link that keeps the search. */
export interface SearchForm {
  q: string;
  status: MotionStatus | "";
  response: ResponseStatus | "";
  body: string;
  topic: string;
  from: string;
  to: string;
  sitting: string;
  sort: Sort;
}

export interface ParsedSearch {
  form: SearchForm;
  /** in the database's terms: epoch bounds in the parliament's time zone, ids */
  filters: {
    status?: MotionStatus;
    responseStatus?: ResponseStatus;
    bodyId?: number;
    topic?: string;
    from?: number;
    to?: number;
    sittingId?: number;
  };
  after?: string;
  in: "record" | "discussion";
  problems: string[];
}

const MAX_QUERY = 200;
const MAX_TOPIC = 40;
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The first moment of a calendar day (yyyy-mm-dd) in `timeZone`, or null. */
export function startOfDay(day: string, timeZone: string): number | null {
  return dayPattern.test(day) ? zonedLocalToEpoch(`${day}T00:00`, timeZone) : null;
}

/** The first moment of the day after, so "up to 3 March" includes all of 3 March. */
function startOfNextDay(day: string, timeZone: string): number | null {
  const m = dayPattern.exec(day);
  if (!m || startOfDay(day, timeZone) === null) return null;
  const next = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1)).toISOString().slice(0, 10);
  return startOfDay(next, timeZone);
}

export function parseSearch(params: URLSearchParams, bodies: { id: number; slug: string; name: string }[], timeZone: string): ParsedSearch {
  const problems: string[] = [];
  const get = (name: string) => (params.get(name) ?? "").trim();
  const form: SearchForm = { q: "", status: "", response: "", body: "", topic: "", from: "", to: "", sitting: "", sort: "relevance" };
  const filters: ParsedSearch["filters"] = {};

  form.q = get("q").replace(/\s+/g, " ").slice(0, MAX_QUERY);

  const status = get("status");
  if ((listedStatuses as string[]).includes(status)) {
    form.status = status as MotionStatus;
    filters.status = form.status;
  } else if (status) problems.push(`We do not recognise the status “${status}”, so motions of every status are searched.`);

  const response = get("response");
  if ((responseStatuses as string[]).includes(response)) {
    form.response = response as ResponseStatus;
    filters.responseStatus = form.response;
  } else if (response) problems.push(`We do not recognise the response status “${response}”, so it is not used.`);

  // Bodies go by slug (readable addresses); an id works too.
  const bodyParam = get("body");
  const body = bodies.find((b) => b.slug === bodyParam || String(b.id) === bodyParam);
  if (body) {
    form.body = body.slug;
    filters.bodyId = body.id;
  } else if (bodyParam) problems.push(`We could not find the commissioning body “${bodyParam}”, so motions to every body are searched.`);

  // Topics are stored lower case with single spaces (see normaliseTopics).
  const topic = get("topic").toLowerCase().replace(/\s+/g, " ");
  if (topic.length > MAX_TOPIC) problems.push("That topic is longer than any topic here, so it is not used.");
  else if (topic) {
    form.topic = topic;
    filters.topic = topic;
  }

  const from = get("from");
  const to = get("to");
  const fromAt = from ? startOfDay(from, timeZone) : null;
  const toAt = to ? startOfNextDay(to, timeZone) : null;
  if (from && fromAt === null) problems.push(`“${from}” is not a date we can read, so there is no earliest date.`);
  if (to && toAt === null) problems.push(`“${to}” is not a date we can read, so there is no latest date.`);
  if (fromAt !== null && toAt !== null && fromAt >= toAt) {
    problems.push("The earliest date is after the latest date, so neither date is used.");
  } else {
    if (fromAt !== null) {
      form.from = from;
      filters.from = fromAt;
    }
    if (toAt !== null) {
      form.to = to;
      filters.to = toAt;
    }
  }

  const sitting = get("sitting");
  if (/^\d{1,9}$/.test(sitting) && Number(sitting) > 0) {
    form.sitting = String(Number(sitting));
    filters.sittingId = Number(sitting);
  } else if (sitting) problems.push(`We could not find the sitting “${sitting}”, so motions from every sitting are searched.`);

  const sort = get("sort");
  if (sort in sorts) form.sort = sort as Sort;
  else if (sort) problems.push(`We cannot sort by “${sort}”, so the best matches come first.`);

  return { form, filters, after: get("after") || undefined, in: get("in") === "discussion" ? "discussion" : "record", problems };
}

/** The address of a search, keeping only what was chosen. */
export function searchUrl(form: SearchForm, extra: { after?: string | null; in?: "discussion" } = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    if (value && !(key === "sort" && value === "relevance")) params.set(key, value);
  }
  if (extra.in) params.set("in", extra.in);
  if (extra.after) params.set("after", extra.after);
  return `/search?${params}`;
}

export const hasFilters = (form: SearchForm) =>
  Boolean(form.status || form.response || form.body || form.topic || form.from || form.to || form.sitting);

/** "in carried motions to Riverside Council on the topic ‘carers’": the filters in words. */
export function describeFilters(
  form: SearchForm,
  names: { body?: string; sitting?: string; day: (value: string) => string },
): string {
  const parts: string[] = [];
  parts.push(form.status ? `in ${statusLabels[form.status].toLowerCase()} motions` : "");
  if (form.body) parts.push(`addressed to ${names.body ?? form.body}`);
  if (form.topic) parts.push(`on the topic “${form.topic}”`);
  if (form.sitting) parts.push(`on the agenda of ${names.sitting ?? `sitting ${form.sitting}`}`);
  if (form.response) parts.push(`whose response is “${responseStatusLabels[form.response].toLowerCase()}”`);
  if (form.from && form.to) parts.push(`published between ${names.day(form.from)} and ${names.day(form.to)}`);
  else if (form.from) parts.push(`published on or after ${names.day(form.from)}`);
  else if (form.to) parts.push(`published on or before ${names.day(form.to)}`);
  return parts.filter(Boolean).join(" ");
}
