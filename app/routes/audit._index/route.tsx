// The public audit log: every decision-relevant step, newest first, 50 to a page, with filters
// that work as a plain GET form. Pages are keyset-paged by entry number, so a page's address
// shows the same entries however many are appended later.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "~/components/error-page";
import { FieldErrors } from "~/components/form";
import { When, useTimeZone } from "~/components/when";
import { plural } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { describeEntry, entryLinks, whoActed } from "./entry-sentence";
import { entryGroups, subjectTypes } from "./entry-types";
import { type AuditFilters, auditUrl, isFiltered, readAuditRequest } from "./filters";
import { AuditStyle } from "./style";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { filters, query, problems } = readAuditRequest(new URL(request.url).searchParams, context.services.rules.timeZone);
  const paged = query.before !== undefined || query.after !== undefined;
  if (Object.keys(problems).length) {
    // The form comes back with what was typed and what is wrong, so it can be fixed right there.
    const nothing = { entries: [], newerAfter: null, olderBefore: null, head: null };
    return json({ ...nothing, filters, paged, problems }, { status: 400 });
  }
  const page = await context.services.read.auditLog(query);
  return json({ ...page, filters, paged, problems });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function Intro({ head }: { head: Data["head"] }) {
  return (
    <div className="audit-intro">
      <p>
        Every public step in this parliament is written here the moment it happens: motions published and seconded, votes opened, cast
        and closed, commissioners&apos; responses and progress, sittings, and changes to membership. Nothing private is kept here: no
        email addresses, and never how anyone voted in a secret ballot.
      </p>
      <p>
        Each entry carries a fingerprint (a SHA-256 hash) of itself and of the entry before it. If anyone changed, removed or slipped in
        an entry later, the fingerprints would stop matching from that point, and anyone checking would see where.
      </p>
      <p>
        You can check it yourself: <a href="/audit.jsonl">download the whole log (audit.jsonl)</a> and follow{" "}
        <a href="/audit.md">how to check the audit log</a>, which also shows a check you can run in a few lines of Python or
        JavaScript.
      </p>
      {head ? (
        <div className="panel wash audit-head">
          <p>
            The newest entry is number <strong>{head.seq}</strong>. Its fingerprint is:
          </p>
          <p>
            <code>{head.hash}</code>
          </p>
          <p className="hint">
            Note it down. Later, check that entry number {head.seq} still has this same fingerprint. If it is missing or different, the log
            has been cut short or rewritten, even if the chain still adds up.
          </p>
        </div>
      ) : null}
    </div>
  );
}

type Problems = Data["problems"];

/** A labelled filter with its hint and its error tied to the control. */
function FilterField({ name, label, hint, problems, children }: { name: keyof AuditFilters; label: string; hint?: string; problems: Problems; children: (aria: object) => ReactNode }) {
  const id = `filter-${name}`;
  const problem = problems[name];
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldErrors id={`${id}-error`} errors={problem ? [problem] : undefined} />
      {children({ id, name, "aria-describedby": describedBy, "aria-invalid": problem ? true : undefined })}
    </div>
  );
}

function Filters({ filters, problems }: { filters: AuditFilters; problems: Problems }) {
  return (
    // Keyed by the filters, so the fields show the current choice after each navigation.
    <Form method="get" role="search" aria-label="Filter the audit log" className="filters audit-filters" key={auditUrl(filters)}>
      <FilterField name="type" label="What happened" problems={problems}>
        {(aria) => (
          <select {...aria} defaultValue={filters.type}>
            <option value="">Anything</option>
            {entryGroups.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.kinds.map((k) => (
                  <option key={k.type} value={k.type}>
                    {k.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </FilterField>
      <FilterField name="subject" label="About" problems={problems}>
        {(aria) => (
          <select {...aria} defaultValue={filters.subject}>
            <option value="">Anything</option>
            {subjectTypes.map((s) => (
              <option key={s.type} value={s.type}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </FilterField>
      <FilterField name="motion" label="Motion number" hint="For example M-2026-014" problems={problems}>
        {(aria) => <input type="text" {...aria} defaultValue={filters.motion} />}
      </FilterField>
      <FilterField name="from" label="From (date)" problems={problems}>
        {(aria) => <input type="date" {...aria} defaultValue={filters.from} />}
      </FilterField>
      <FilterField name="to" label="To (date, included)" problems={problems}>
        {(aria) => <input type="date" {...aria} defaultValue={filters.to} />}
      </FilterField>
      <div className="actions">
        <button type="submit" className="button secondary">
          Show entries
        </button>
        {isFiltered(filters) ? <Link to="/audit">Clear filters</Link> : null}
      </div>
    </Form>
  );
}

function Entry({ e }: { e: Data["entries"][number] }) {
  const timeZone = useTimeZone();
  const links = entryLinks(e);
  return (
    <li id={`entry-${e.seq}`}>
      <p className="audit-what">{describeEntry(e, timeZone)}</p>
      <p className="meta">
        By {whoActed(e)} · <When at={e.at} withTime /> · Entry {e.seq}
      </p>
      {links.length ? (
        <p className="meta">
          {links.map((l, i) => (
            <span key={l.href}>
              {i ? " · " : null}
              <Link to={l.href}>{l.label}</Link>
            </span>
          ))}
        </p>
      ) : null}
      <details className="audit-hash">
        <summary>
          Fingerprint <code>{`${e.hash.slice(0, 12)}…`}</code>
        </summary>
        <dl>
          <dt>This entry&apos;s fingerprint</dt>
          <dd>
            <code>{e.hash}</code>
          </dd>
          <dt>The previous entry&apos;s fingerprint</dt>
          <dd>
            <code>{e.prevHash}</code>
          </dd>
        </dl>
      </details>
    </li>
  );
}

function Pages({ data }: { data: Data }) {
  const { filters, newerAfter, olderBefore } = data;
  if (newerAfter === null && olderBefore === null) return null;
  return (
    <nav className="pagination audit-pages" aria-label="Pages of the audit log">
      {newerAfter !== null ? (
        <>
          <Link to={auditUrl(filters)}>Newest entries</Link>
          <Link to={auditUrl(filters, { after: newerAfter })} rel="prev">
            ← Newer entries
          </Link>
        </>
      ) : null}
      {olderBefore !== null ? (
        <Link to={auditUrl(filters, { before: olderBefore })} rel="next">
          Older entries →
        </Link>
      ) : null}
    </nav>
  );
}

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  const { entries, filters } = data;
  const filtered = isFiltered(filters);
  const invalid = Object.keys(data.problems).length > 0;
  const first = entries[0];
  const last = entries[entries.length - 1];
  return (
    <>
      <AuditStyle />
      <h1>Public audit log</h1>
      <Intro head={data.head} />
      <h2 id="entries-heading">Entries</h2>
      {invalid ? (
        <div className="form-error" role="alert">
          <p>Some of the filters could not be used, so no entries are shown. Please check the values marked below.</p>
          {data.problems.page ? <p>{data.problems.page}</p> : null}
        </div>
      ) : null}
      <Filters filters={filters} problems={data.problems} />
      {invalid ? (
        <p role="status" className="result-count">
          No entries are shown until the filters are fixed.
        </p>
      ) : entries.length ? (
        <>
          <p role="status" className="result-count">
            {`Showing ${plural(entries.length, "entry", "entries")}${filtered ? " that match these filters" : ""}, numbers ${first.seq} down to ${last.seq}, newest first.`}
          </p>
          <ol className="audit-entries" aria-labelledby="entries-heading">
            {entries.map((e) => (
              <Entry key={e.seq} e={e} />
            ))}
          </ol>
        </>
      ) : (
        <div className="empty" role="status">
          {filtered ? (
            <p>
              No entries match these filters{data.paged ? " on this page" : ""}. Try choosing fewer, or{" "}
              <Link to="/audit">clear the filters</Link>.
            </p>
          ) : data.paged ? (
            <p>
              There are no entries here. <Link to="/audit">Go to the newest entries</Link>.
            </p>
          ) : (
            <p>Nothing has been recorded yet. When members publish motions, vote and so on, each step will appear here.</p>
          )}
        </div>
      )}
      <Pages data={data} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const first = data?.entries[0];
  const last = data?.entries[data.entries.length - 1];
  const title = data?.paged && first && last ? `Public audit log, entries ${first.seq} to ${last.seq}` : "Public audit log";
  return pageTitle(matches, title, "Every public step in this parliament, in a chain of fingerprints anyone can check.");
};
