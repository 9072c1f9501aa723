// Searching the public record: motions, commissioners' responses and promised actions, ranked,
// with the words found marked, narrowed by filters and paged with cursors; posts that mention
// the words come apart, as "mentioned in discussion". One GET form: it all works without JavaScript.
import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { FilterSelect } from "~/components/form";
import { useTimeZone } from "~/components/when";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { responseStatusLabels, statusLabels } from "../../../server/domain/motion-state";
import { type SearchForm, describeFilters, hasFilters, listedStatuses, parseSearch, responseStatuses, searchUrl, sorts, startOfDay } from "./query";
import { DiscussionList, Pages, RecordHits } from "./results";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const timeZone = context.services.rules.timeZone;
  const bodies = await context.services.read.bodies();
  const parsed = parseSearch(new URL(request.url).searchParams, bodies, timeZone);
  const result = await context.services.read.search({
    q: parsed.form.q,
    filters: parsed.filters,
    sort: parsed.form.sort,
    after: parsed.after,
    in: parsed.in,
  });
  const problems = [...parsed.problems];
  if (parsed.form.q && !result.terms.words.length && !result.terms.phrases.length) {
    problems.push("Type a word or two to search for: letters or numbers, not only punctuation.");
  }
  if (result.cursorIgnored) problems.push("That page link was damaged, so these are the first results.");
  return json({
    form: parsed.form,
    in: parsed.in,
    paged: Boolean(parsed.after) && !result.cursorIgnored,
    searched: result.terms.words.length + result.terms.phrases.length > 0,
    problems,
    hits: result.hits,
    discussion: result.discussion,
    discussionMore: result.discussionMore,
    next: result.next,
    bodies: bodies.map((b) => ({ slug: b.slug, name: b.name })),
    topics: result.choices.topics,
    sittings: result.choices.sittings,
  });
}

export type SearchData = SerializeFrom<typeof loader>;

/** The search form's selects: ids prefixed "search-", like its text fields. */
const Select = (props: { name: keyof SearchForm; label: string; value: string; anyLabel?: string; options: { value: string; label: string }[] }) => (
  <FilterSelect id={`search-${props.name}`} {...props} />
);

function SearchForm({ data }: { data: SearchData }) {
  const { form } = data;
  const timeZone = useTimeZone();
  // A topic typed into the address still shows as chosen, even if no published motion uses it.
  const topics = form.topic && !data.topics.includes(form.topic) ? [form.topic, ...data.topics] : data.topics;
  const sittings = data.sittings.map((s) => ({ value: String(s.id), label: `${s.title} (${formatDate(s.startsAt, timeZone)})` }));
  if (form.sitting && !sittings.some((s) => s.value === form.sitting)) sittings.unshift({ value: form.sitting, label: `Sitting ${form.sitting}` });
  return (
    <Form method="get" action="/search" role="search" aria-label="Search the record" className="search-form">
      <div className="field">
        <label htmlFor="search-q">Words to search for</label>
        <p id="search-q-hint" className="hint">
          For example: peer support, crisis café, or &quot;out of area&quot; in quotes to find those words together, in that order.
        </p>
        <div className="search-row">
          <input type="search" id="search-q" name="q" defaultValue={form.q} aria-describedby="search-q-hint" maxLength={200} />
          <button type="submit" className="button primary">
            Search
          </button>
        </div>
      </div>
      {/* Folded on a first search, so results come first on a phone; open while any is in use. */}
      <details className="search-filters" open={hasFilters(form) || form.sort !== "relevance" || undefined}>
        <summary>Filter and sort the results</summary>
        <div className="filters">
          <Select name="status" label="Motion status" value={form.status} anyLabel="Any status" options={listedStatuses.map((s) => ({ value: s, label: statusLabels[s] }))} />
          <Select name="body" label="Commissioning body" value={form.body} anyLabel="Any body" options={data.bodies.map((b) => ({ value: b.slug, label: b.name }))} />
          <Select name="topic" label="Topic" value={form.topic} anyLabel="Any topic" options={topics.map((t) => ({ value: t, label: t }))} />
          <Select name="sitting" label="On the agenda of" value={form.sitting} anyLabel="Any sitting, or none" options={sittings} />
          <Select
            name="response"
            label="Commissioner response"
            value={form.response}
            anyLabel="Any response status"
            options={responseStatuses.map((s) => ({ value: s, label: responseStatusLabels[s] }))}
          />
          <div className="field">
            <label htmlFor="search-from">Published on or after</label>
            <input type="date" id="search-from" name="from" defaultValue={form.from} />
          </div>
          <div className="field">
            <label htmlFor="search-to">Published on or before</label>
            <input type="date" id="search-to" name="to" defaultValue={form.to} />
          </div>
          <Select name="sort" label="Order" value={form.sort} options={Object.entries(sorts).map(([value, label]) => ({ value, label }))} />
        </div>
        <div className="actions">
          <button type="submit" className="button secondary">
            Apply filters
          </button>
          {hasFilters(form) ? <Link to={searchUrl({ ...emptyFilters, q: form.q, sort: form.sort })}>Clear filters</Link> : null}
        </div>
      </details>
    </Form>
  );
}

const emptyFilters: SearchForm = { q: "", status: "", response: "", body: "", topic: "", from: "", to: "", sitting: "", sort: "relevance" };

/** What was typed, in quotation marks unless it already has its own. */
const asTyped = (q: string) => (/^".*"$/.test(q.trim()) ? q.trim() : `“${q}”`);

/** "Results for ‘peer support’ in carried motions, newest first": what is shown, without a count. */
function Summary({ data }: { data: SearchData }) {
  const timeZone = useTimeZone();
  const { form } = data;
  const filters = describeFilters(form, {
    body: data.bodies.find((b) => b.slug === form.body)?.name,
    sitting: data.sittings.find((s) => String(s.id) === form.sitting)?.title,
    day: (value) => {
      const at = startOfDay(value, timeZone);
      return at === null ? value : formatDate(at, timeZone);
    },
  });
  const what = data.in === "discussion" ? "Posts in the discussion mentioning" : "Results for";
  return (
    <p className="search-summary" role="status">
      {what} <strong>{asTyped(form.q)}</strong>
      {filters ? ` ${filters}` : ""}, {sorts[form.sort].toLowerCase()}
      {data.paged ? " (more results)" : ""}.
    </p>
  );
}

function NothingFound({ data }: { data: SearchData }) {
  if (data.paged) {
    return (
      <p className="empty">
        There are no more results. <Link to={searchUrl(data.form, { in: data.in === "discussion" ? "discussion" : undefined })}>Back to the first page</Link>.
      </p>
    );
  }
  return (
    <div className="search-empty">
      <p>
        <strong>Nothing in the record matches “{data.form.q}”{hasFilters(data.form) ? " with these filters" : ""}.</strong> You could:
      </p>
      <ul>
        <li>check the spelling, or try a shorter or more everyday word (for example “crisis” rather than “crisis care pathway”)</li>
        {hasFilters(data.form) ? (
          <li>
            <Link to={searchUrl({ ...emptyFilters, q: data.form.q })}>search again without the filters</Link>
          </li>
        ) : null}
        <li>
          <Link to="/motions">browse every motion</Link>, newest first
        </li>
      </ul>
    </div>
  );
}

export default function Search() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const inDiscussion = data.in === "discussion";
  const nothing = data.hits.length === 0 && data.discussion.length === 0;
  return (
    <>
      <h1>Search the record</h1>
      <p>Search motions, commissioners&apos; responses, promised actions and what members said in discussion. Anyone can search.</p>
      {/* Keyed by the address, so the fields show what was searched after each navigation. */}
      <SearchForm key={location.search} data={data} />
      {data.problems.length ? (
        <div className="warning" role="status">
          {data.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : null}
      {data.searched ? (
        <>
          <Summary data={data} />
          {nothing ? <NothingFound data={data} /> : null}
          {!inDiscussion && data.hits.length ? <RecordHits hits={data.hits} /> : null}
          {!inDiscussion && !data.hits.length && data.discussion.length ? (
            <p className="empty">No motions, responses or actions match, but members have mentioned it in discussion.</p>
          ) : null}
          {data.discussion.length ? (
            <DiscussionList
              posts={data.discussion}
              more={!inDiscussion && data.discussionMore ? searchUrl(data.form, { in: "discussion" }) : null}
            />
          ) : null}
          {inDiscussion ? (
            <p>
              <Link to={searchUrl(data.form)}>Back to motions, responses and actions for “{data.form.q}”</Link>
            </p>
          ) : null}
          <Pages
            next={data.next ? searchUrl(data.form, { after: data.next, in: inDiscussion ? "discussion" : undefined }) : null}
            first={data.paged ? searchUrl(data.form, { in: inDiscussion ? "discussion" : undefined }) : null}
          />
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data?.form.q ? `Search: ${data.form.q}` : "Search the record");
