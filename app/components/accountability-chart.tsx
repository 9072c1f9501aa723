// Each body's record as two charts (responses, actions) and the same figures as tables. The
// charts are for seeing the shape at a glance; the tables are the accessible equivalent, so
// every number in a chart is also in a cell with its headers. Segments differ by pattern and
// carry their counts as text, so nothing depends on telling colours apart.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { plural } from "../lib/format";

export interface BodyFigures {
  slug: string;
  name: string;
  responsePeriodDays: number;
  addressed: number;
  carried: number;
  responses: { onTime: number; late: number; outstanding: number; overdue: number };
  medianDaysToRespond: number | null;
  actions: { done: number; inProgress: number; overdue: number; dropped: number };
}

type Look = "good" | "late" | "waiting" | "overdue" | "dropped";

interface Segment {
  label: string;
  look: Look;
  count: (b: BodyFigures) => number;
}

const responseSegments: Segment[] = [
  { label: "Answered on time", look: "good", count: (b) => b.responses.onTime },
  { label: "Answered late", look: "late", count: (b) => b.responses.late },
  { label: "Waiting, not yet due", look: "waiting", count: (b) => b.responses.outstanding - b.responses.overdue },
  { label: "Waiting, overdue", look: "overdue", count: (b) => b.responses.overdue },
];

const actionSegments: Segment[] = [
  { label: "Done", look: "good", count: (b) => b.actions.done },
  { label: "In progress", look: "waiting", count: (b) => b.actions.inProgress },
  { label: "Overdue", look: "overdue", count: (b) => b.actions.overdue },
  { label: "Dropped", look: "dropped", count: (b) => b.actions.dropped },
];

// Layout in CSS pixels: the text keeps its size at any width; only the bars stretch (in %).
const LINE = 22;
const BAR = 32;
const GAP_ABOVE_BAR = 6;
const GAP_BELOW_BAR = 22;
/** Names wrap so they fit a phone's width: the chart is about 340px wide on most, 286px at 320px. */
const WRAP_AT = 36;
const NARROWEST = 280;

function wrap(text: string): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && `${lines[last]} ${word}`.length <= WRAP_AT) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

const fillOf = (look: Look, prefix: string) => (look === "good" ? "#1e6b3a" : `url(#${prefix}-${look})`);

/** Stripes, ticks and cross-hatching in colours with at least 3:1 contrast on white. */
function Patterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-late`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" fill="#fff4dc" />
        <rect width="3.5" height="8" fill="#7a4d00" />
      </pattern>
      <pattern id={`${prefix}-waiting`} width="10" height="10" patternUnits="userSpaceOnUse">
        <rect width="10" height="10" fill="#e8f0f7" />
        <circle cx="5" cy="5" r="2.6" fill="#1f5f8b" />
      </pattern>
      <pattern id={`${prefix}-overdue`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" fill="#a12a2a" />
        <rect width="1.5" height="8" fill="#ffffff" />
        <rect width="8" height="1.5" fill="#ffffff" />
      </pattern>
      <pattern id={`${prefix}-dropped`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill="#f4f5f7" />
        <rect width="8" height="2.5" fill="#4a5363" />
      </pattern>
    </defs>
  );
}

function describe(bodies: BodyFigures[], segments: Segment[]): string {
  return bodies
    .map((b) => `${b.name}: ${segments.map((s) => `${s.label.toLowerCase()} ${s.count(b)}`).join("; ")}.`)
    .join(" ");
}

function BarChart({ bodies, segments, prefix, title, empty }: { bodies: BodyFigures[]; segments: Segment[]; prefix: string; title: string; empty: string }) {
  const totals = bodies.map((b) => segments.reduce((sum, s) => sum + s.count(b), 0));
  const scale = Math.max(1, ...totals);
  let y = 4;
  const rows = bodies.map((body, i) => {
    const names = wrap(body.name);
    const top = y;
    const barTop = top + names.length * LINE + GAP_ABOVE_BAR;
    y = barTop + BAR + GAP_BELOW_BAR;
    let start = 0;
    const parts = segments.flatMap((segment) => {
      const count = segment.count(body);
      if (count <= 0) return [];
      const share = (count / scale) * 100;
      const part = { segment, count, x: start, width: share };
      start += share;
      return [part];
    });
    return (
      <g key={body.slug}>
        <text x="0" y={top + 16} className="chart-name">
          {names.map((line, n) => (
            <tspan key={n} x="0" dy={n === 0 ? 0 : LINE}>
              {line}
            </tspan>
          ))}
        </text>
        {totals[i] === 0 ? (
          <text x="0" y={barTop + 21} className="chart-none">
            {empty}
          </text>
        ) : (
          <>
            {parts.map((p) => (
              <rect
                key={p.segment.label}
                x={`${p.x}%`}
                y={barTop}
                width={`${p.width}%`}
                height={BAR}
                fill={fillOf(p.segment.look, prefix)}
                stroke="#1d2430"
                strokeWidth="1.5"
              />
            ))}
            {parts.map((p) =>
              // A count only where it fits at a phone's width; every count is in the table too.
              (p.width / 100) * NARROWEST >= 10 + 9 * String(p.count).length ? (
                <text key={p.segment.label} x={`${p.x + p.width / 2}%`} y={barTop + 22} textAnchor="middle" className="chart-count">
                  {p.count}
                </text>
              ) : null,
            )}
          </>
        )}
      </g>
    );
  });
  const titleId = `${prefix}-title`;
  const descId = `${prefix}-desc`;
  return (
    <svg className="chart" role="img" aria-labelledby={`${titleId} ${descId}`} width="100%" height={y}>
      <title id={titleId}>{title}</title>
      <desc id={descId}>{describe(bodies, segments)}</desc>
      <Patterns prefix={prefix} />
      {rows}
    </svg>
  );
}

function Legend({ segments, prefix }: { segments: Segment[]; prefix: string }) {
  return (
    <ul className="chart-legend" aria-label="Key to the chart">
      {segments.map((s) => (
        <li key={s.label}>
          <svg width="28" height="18" aria-hidden="true" focusable="false">
            <rect x="1" y="1" width="26" height="16" fill={fillOf(s.look, prefix)} stroke="#1d2430" strokeWidth="1.5" />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}

function BodyCell({ body, link }: { body: BodyFigures; link: boolean }) {
  return <th scope="row">{link ? <Link to={`/bodies/${body.slug}`}>{body.name}</Link> : body.name}</th>;
}

function Scroll({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  // Wide tables scroll sideways on a phone; the region can take focus so keyboards can scroll it.
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}

const median = (days: number | null) => (days === null ? "None yet" : String(Math.round(days * 10) / 10));

interface Column {
  header: string;
  value: (b: BodyFigures) => string | number;
}

interface FigureKind {
  id: "responses" | "actions";
  title: string;
  caption: string;
  empty: string;
  segments: Segment[];
  columns: Column[];
}

const responsesKind: FigureKind = {
  id: "responses",
  title: "Responses to carried motions, by body",
  caption: "Responses, body by body",
  empty: "No motions carried yet",
  segments: responseSegments,
  columns: [
    { header: "Motions addressed", value: (b) => b.addressed },
    { header: "Carried", value: (b) => b.carried },
    { header: "Answered on time", value: (b) => b.responses.onTime },
    { header: "Answered late", value: (b) => b.responses.late },
    { header: "Outstanding", value: (b) => b.responses.outstanding },
    { header: "Overdue", value: (b) => b.responses.overdue },
    { header: "Median days to respond", value: (b) => median(b.medianDaysToRespond) },
  ],
};

const actionsKind: FigureKind = {
  id: "actions",
  title: "Promised actions, by body",
  caption: "Promised actions, body by body",
  empty: "No actions promised yet",
  segments: actionSegments,
  columns: [
    { header: "Done", value: (b) => b.actions.done },
    { header: "In progress", value: (b) => b.actions.inProgress },
    { header: "Overdue", value: (b) => b.actions.overdue },
    { header: "Dropped", value: (b) => b.actions.dropped },
  ],
};

interface FigureProps {
  bodies: BodyFigures[];
  /** keeps ids unique when a page has more than one figure of a kind */
  prefix: string;
  linkBodies?: boolean;
  caption?: string;
}

/** The chart, its key, and the table a screen reader (or anyone) can read the same figures from. */
function Figure({ kind, bodies, prefix, linkBodies = true, caption = kind.caption }: FigureProps & { kind: FigureKind }) {
  const id = `${prefix}-${kind.id}`;
  return (
    <div className="figure">
      <ChartStyle />
      <BarChart bodies={bodies} segments={kind.segments} prefix={id} title={kind.title} empty={kind.empty} />
      <Legend segments={kind.segments} prefix={id} />
      <Scroll labelledBy={`${id}-caption`}>
        <table id={`${id}-table`} className={kind.columns.length > 5 ? "wide" : undefined}>
          <caption id={`${id}-caption`}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Body</th>
              {kind.columns.map((c) => (
                <th key={c.header} scope="col" className="num">
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {bodies.map((b) => (
              <tr key={b.slug}>
                <BodyCell body={b} link={linkBodies} />
                {kind.columns.map((c) => (
                  <td key={c.header} className="num">
                    {c.value(b)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </div>
  );
}

export const ResponsesFigure = (props: FigureProps) => <Figure kind={responsesKind} {...props} />;
export const ActionsFigure = (props: FigureProps) => <Figure kind={actionsKind} {...props} />;

/** "56 days (8 weeks)": periods are set in days, but people think of them in weeks. */
export function periodText(days: number): string {
  return days % 7 === 0 ? `${plural(days, "day")} (${plural(days / 7, "week")})` : plural(days, "day");
}

const css = `
.figure { margin: 0.5rem 0 1.5rem; }
.chart { display: block; overflow: visible; margin: 0.5rem 0 0.25rem; }
.chart text { font-family: inherit; font-size: 16px; fill: #1d2430; }
@media (max-width: 360px) { .chart text { font-size: 14px; } }
.chart .chart-name { font-weight: 600; }
.chart .chart-none { fill: #4a5363; font-style: italic; }
.chart .chart-count { font-weight: 700; paint-order: stroke; stroke: #ffffff; stroke-width: 4px; stroke-linejoin: round; }
.chart-legend { list-style: none; padding: 0; margin: 0 0 0.75rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; font-size: 0.95rem; }
.chart-legend li { display: inline-flex; align-items: center; gap: 0.4rem; }
.chart-legend svg { flex: none; }
.table-scroll { overflow-x: auto; }
.table-scroll:focus-visible { outline: 3px solid var(--focus); }
.table-scroll table.wide { min-width: 40rem; }
.table-scroll th[scope="row"] { min-width: 9rem; }
.table-scroll caption { max-width: calc(100vw - 2.5rem); }
`;

function ChartStyle() {
  // A constant, not user input; set as HTML so the selectors are not escaped.
  return <style dangerouslySetInnerHTML={{ __html: css }} />;
}
