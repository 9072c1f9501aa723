import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { MotionStatus, ResponseStatus } from "../../db/schema";
import { ErrorPage } from "~/components/error-page";
import { FilterSelect } from "~/components/form";
import { MotionList } from "~/components/motion-list";
import { When } from "~/components/when";
import { plural } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { motionStatuses, responseStatusLabels, statusLabels } from "../../server/domain/motion-state";

// Drafts are private, so they are never a filter on the public list.
const listedStatuses = motionStatuses.filter((s) => s !== "draft");
const responseStatuses = Object.keys(responseStatusLabels) as ResponseStatus[];

interface Filters {
  status: MotionStatus | "";
  response: ResponseStatus | "";
  body: string;
}

/** The address of one page of this list, keeping the filters chosen. */
function listUrl(filters: Filters, page: number): string {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.response) params.set("response", filters.response);
  if (filters.body) params.set("body", filters.body);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/motions?${query}` : "/motions";
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const bodies = await context.services.read.bodies();
  const problems: string[] = [];
  const filters: Filters = { status: "", response: "", body: "" };

  const status = search.get("status")?.trim() ?? "";
  if ((listedStatuses as string[]).includes(status)) filters.status = status as MotionStatus;
  else if (status) problems.push(`We do not recognise the status “${status}”, so motions of every status are shown.`);

  const response = search.get("response")?.trim() ?? "";
  if ((responseStatuses as string[]).includes(response)) filters.response = response as ResponseStatus;
  else if (response) problems.push(`We do not recognise the response status “${response}”, so it is not used.`);

  // Bodies are chosen by slug (readable addresses); an id works too, for older links.
  const bodyParam = search.get("body")?.trim() ?? "";
  const body = bodies.find((b) => b.slug === bodyParam || String(b.id) === bodyParam);
  if (body) filters.body = body.slug;
  else if (bodyParam) problems.push(`We could not find the commissioning body “${bodyParam}”, so motions to every body are shown.`);

  const pageParam = Number(search.get("page") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? pageParam : 1;

  const list = await context.services.read.motions({
    status: filters.status || undefined,
    responseStatus: filters.response || undefined,
    bodyId: body?.id,
    page,
  });
  return json({
    ...list,
    filters,
    problems,
    filtered: Boolean(filters.status || filters.response || filters.body),
    bodies: bodies.map((b) => ({ slug: b.slug, name: b.name })),
    now: context.services.clock.now(),
  });
}

export default function Motions() {
  const data = useLoaderData<typeof loader>();
  const { filters, page, pageCount, total } = data;
  const beyondLastPage = total > 0 && page > pageCount;
  return (
    <>
      <h1>Motions</h1>
      <p>Every motion raised in this parliament, newest first. Anyone can read them.</p>

      {/* Keyed by the filters, so the selects show the current choice after each navigation. */}
      <Form method="get" role="search" aria-label="Filter motions" className="filters" key={listUrl(filters, 1)}>
        <FilterSelect
          id="filter-status"
          name="status"
          label="Status"
          value={filters.status}
          anyLabel="Any status"
          options={listedStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
        />
        <FilterSelect
          id="filter-response"
          name="response"
          label="Commissioner response"
          value={filters.response}
          anyLabel="Any response status"
          options={responseStatuses.map((s) => ({ value: s, label: responseStatusLabels[s] }))}
        />
        <FilterSelect
          id="filter-body"
          name="body"
          label="Commissioning body"
          value={filters.body}
          anyLabel="Any body"
          options={data.bodies.map((b) => ({ value: b.slug, label: b.name }))}
        />
        <div className="actions">
          <button type="submit" className="button secondary">
            Show motions
          </button>
          {data.filtered ? <Link to="/motions">Clear filters</Link> : null}
        </div>
      </Form>

      {data.problems.length ? (
        <div className="warning" role="status">
          {data.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : null}

      <p role="status" className="result-count">
        <strong>{plural(total, "motion")}</strong>
        {data.filtered ? (total === 1 ? " matches these filters" : " match these filters") : ""}
      </p>

      {beyondLastPage ? (
        <p className="warning">
          {`There is no page ${page}. `}
          <Link to={listUrl(filters, pageCount)}>{`Go to the last page (page ${pageCount})`}</Link>.
        </p>
      ) : (
        <MotionList
          motions={data.motions}
          headingLevel={2}
          now={data.now}
          label="Motions"
          detail={(m) => (
            <p>
              {m.decidedAt ? (
                <>
                  Decided <When at={m.decidedAt} />
                </>
              ) : (
                <>
                  Published <When at={m.publishedAt} />
                </>
              )}
            </p>
          )}
          empty={
            data.filtered ? (
              <p>
                No motions match these filters. Try choosing fewer, or <Link to="/motions">clear the filters</Link>.
              </p>
            ) : (
              <p>No motions have been published yet. When members publish motions, they will be listed here.</p>
            )
          }
        />
      )}

      {pageCount > 1 ? (
        <nav className="pagination" aria-label="Pages of motions">
          {page > 1 && !beyondLastPage ? (
            <Link to={listUrl(filters, page - 1)} rel="prev">
              ← Previous page
            </Link>
          ) : null}
          <span>
            Page {Math.min(page, pageCount)} of {pageCount}
          </span>
          {page < pageCount ? (
            <Link to={listUrl(filters, page + 1)} rel="next">
              Next page →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(
    matches,
    data && data.pageCount > 1 && data.page <= data.pageCount ? `Motions, page ${data.page} of ${data.pageCount}` : "Motions",
  );
