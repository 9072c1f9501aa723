// The /audit page's address: filters and the page cursor, read strictly. A value we cannot use
// is a 400 with a plain sentence, never a silently different list: people quote these links.
import { isMotionNumber } from "../../../server/domain/motion-number";
import { zonedLocalToEpoch } from "../../../server/domain/time";
import type { AuditLogQuery } from "../../../server/queries/audit-log";
import { entryTypes, subjectTypes } from "./entry-types";

/** What the form shows, as typed (normalised). */
export interface AuditFilters {
  type: string;
  subject: string;
  motion: string;
  from: string;
  to: string;
}

export interface AuditRequest {
  filters: AuditFilters;
  /** what was wrong with each value, in plain words (`page` for the cursor); nothing is listed then */
  problems: Partial<Record<keyof AuditFilters | "page", string>>;
  /** for the query: dates as instants in the parliament's time zone */
  query: Omit<AuditLogQuery, "pageSize">;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function startOfDay(date: string, timeZone: string): number | null {
  return datePattern.test(date) ? zonedLocalToEpoch(`${date}T00:00`, timeZone) : null;
}

function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Echo what was typed, but never a wall of it. */
const quoted = (value: string) => `“${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`;

function entryNumber(value: string): number | null {
  return /^\d{1,15}$/.test(value) ? Number(value) : null;
}

export function readAuditRequest(search: URLSearchParams, timeZone: string): AuditRequest {
  const get = (name: string) => search.get(name)?.trim() ?? "";
  const filters: AuditFilters = { type: get("type"), subject: get("subject"), motion: get("motion").toUpperCase(), from: get("from"), to: get("to") };
  const problems: AuditRequest["problems"] = {};
  const query: AuditRequest["query"] = {};

  if (filters.type) {
    if (entryTypes.has(filters.type)) query.type = filters.type;
    else problems.type = `${quoted(filters.type)} is not a kind of entry this log records. Choose one from the list.`;
  }
  if (filters.subject) {
    if (subjectTypes.some((s) => s.type === filters.subject)) query.subjectType = filters.subject;
    else problems.subject = `${quoted(filters.subject)} is not something entries are about. Choose one from the list.`;
  }
  if (filters.motion) {
    if (isMotionNumber(filters.motion)) query.motionNumber = filters.motion;
    else problems.motion = `${quoted(filters.motion)} is not a motion number. Motion numbers look like M-2026-014.`;
  }
  if (filters.from) {
    const at = startOfDay(filters.from, timeZone);
    if (at === null) problems.from = `${quoted(filters.from)} is not a date. Dates look like 2026-11-26 (year, month, day).`;
    else query.fromAt = at;
  }
  if (filters.to) {
    const at = startOfDay(filters.to, timeZone);
    if (at === null) problems.to = `${quoted(filters.to)} is not a date. Dates look like 2026-11-26 (year, month, day).`;
    // The "to" day is included: the range ends when the next day begins.
    else query.untilAt = startOfDay(nextDay(filters.to), timeZone) ?? undefined;
  }
  if (query.fromAt !== undefined && query.untilAt !== undefined && query.fromAt >= query.untilAt) {
    problems.to = "The “to” date is before the “from” date. Swap them, or leave one empty.";
  }

  const before = get("before");
  const after = get("after");
  if (before && after) problems.page = "This address asks for entries both before and after a point. Use one of the page links instead.";
  else if (before) {
    const n = entryNumber(before);
    if (n === null) problems.page = `${quoted(before)} is not an entry number, so we cannot show the entries before it.`;
    else query.before = n;
  } else if (after) {
    const n = entryNumber(after);
    if (n === null) problems.page = `${quoted(after)} is not an entry number, so we cannot show the entries after it.`;
    else query.after = n;
  }

  return { filters, query, problems };
}

/** The address of a page of the log, keeping the filters chosen. */
export function auditUrl(filters: AuditFilters, cursor: { before?: number; after?: number } = {}): string {
  const params = new URLSearchParams();
  for (const name of ["type", "subject", "motion", "from", "to"] as const) if (filters[name]) params.set(name, filters[name]);
  if (cursor.before !== undefined) params.set("before", String(cursor.before));
  else if (cursor.after !== undefined) params.set("after", String(cursor.after));
  const query = params.toString();
  return query ? `/audit?${query}` : "/audit";
}

export const isFiltered = (f: AuditFilters) => Boolean(f.type || f.subject || f.motion || f.from || f.to);
