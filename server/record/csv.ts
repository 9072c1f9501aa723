// /record.csv: one row per public motion, RFC 4180 (comma separated, CRLF line ends, fields
// with commas, quotes or line breaks quoted, quotes doubled), UTF-8, with a header row.
// Every column is defined in docs/open-data.md; keep the two in step.
import type { RecordMotion } from "./record-motion";
import { type MotionFacts, isoTime, motionFacts, motionPath } from "./motion-facts";

type Cell = string | number | boolean | null;

/** Free text typed by people (titles, names, topics): guarded against spreadsheet formulas. */
const text = (value: string) => ({ text: value });

type Column = [name: string, value: (m: RecordMotion, f: MotionFacts, origin: string) => Cell | { text: string }];

const columns: Column[] = [
  ["number", (m) => m.number],
  ["title", (m) => text(m.title)],
  ["status", (m) => m.status],
  ["body", (m) => text(m.body.name)],
  ["body_slug", (m) => m.body.slug],
  ["proposer", (m) => text(m.proposer.name)],
  ["published_at", (m) => isoTime(m.publishedAt)],
  ["seconded_at", (m) => isoTime(m.secondedAt)],
  ["decided_at", (m) => isoTime(m.decidedAt)],
  ["topics", (m) => text(m.topics.join("; "))],
  ["ballot_kind", (_m, f) => f.ballot?.kind ?? null],
  ["ballot_rule", (_m, f) => f.ballot?.rule ?? null],
  ["ballot_status", (_m, f) => f.ballot?.status ?? null],
  ["ballot_eligible", (_m, f) => f.ballot?.eligible ?? null],
  ["ballot_quorum", (_m, f) => f.ballot?.quorum ?? null],
  ["ballot_for", (_m, f) => f.ballot?.counts?.for ?? null],
  ["ballot_against", (_m, f) => f.ballot?.counts?.against ?? null],
  ["ballot_abstain", (_m, f) => f.ballot?.counts?.abstain ?? null],
  ["ballot_turnout", (_m, f) => f.ballot?.turnout ?? null],
  ["ballot_outcome", (_m, f) => f.ballot?.outcome ?? null],
  ["response_status", (m) => m.responseStatus],
  ["response_due_at", (m) => isoTime(m.responseDueAt)],
  ["first_response_at", (_m, f) => isoTime(f.firstResponse?.publishedAt ?? null)],
  ["response_on_time", (_m, f) => f.onTime],
  ["response_overdue", (m, f) => (m.responseStatus === null ? null : f.responseOverdue)],
  ["latest_response_position", (_m, f) => f.latestResponse?.position ?? null],
  ["latest_response_version", (_m, f) => f.latestResponse?.version ?? null],
  ["actions_total", (_m, f) => f.actions.total],
  ["actions_done", (_m, f) => f.actions.done],
  ["actions_overdue", (_m, f) => f.actions.overdue],
  ["url", (m, _f, origin) => `${origin}${motionPath(m.number)}`],
];

export const CSV_COLUMNS = columns.map(([name]) => name);

/** RFC 4180: quote a field that holds a comma, a quote or a line break; double its quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Spreadsheet programs run a cell that starts with = + - or @ as a formula, so a title such as
 * `=HYPERLINK(...)` could act on the reader's machine. Such text gets a leading apostrophe,
 * which spreadsheets hide; the JSON export keeps the exact text.
 */
export function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: Cell | { text: string }): string {
  if (value === null) return "";
  if (typeof value === "object") return csvField(defuseFormula(value.text));
  return csvField(String(value));
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(",")}\r\n`;
}

/** One motion's row, with its line ending. */
export function csvRow(m: RecordMotion, now: number, origin: string): string {
  const facts = motionFacts(m, now);
  return `${columns.map(([, value]) => cell(value(m, facts, origin))).join(",")}\r\n`;
}
