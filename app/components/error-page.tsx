// The one ErrorBoundary body: a plain-language message for each status, and a way on.
import { Form, Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";

const headings: Record<number, string> = {
  400: "Something in the request was not right",
  403: "You cannot do that",
  404: "We could not find that page",
  409: "That cannot be done right now",
};

/** The heading for an error, also the page's title (the root's meta uses it when nothing else matched). */
export function errorHeading(error: unknown): string {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return headings[status] ?? "Something went wrong";
}

export function ErrorPage() {
  const error = useRouteError();
  let status = 500;
  let message = "Something went wrong on our side. Please try again in a moment.";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const data = error.data as { message?: string } | string | null;
    message =
      (typeof data === "object" && data?.message) ||
      (status === 404 ? "The page may have moved, or the address may have a typing mistake." : error.statusText || message);
  }
  return (
    <div className="error-page">
      <h1>{headings[status] ?? "Something went wrong"}</h1>
      <p>{message}</p>
      {status === 403 ? (
        <p>
          If you think you should be able to do this, <Link to="/login">sign in</Link> with the right account, or ask the
          parliament&apos;s admin.
        </p>
      ) : null}
      {status === 404 ? (
        <>
          <Form method="get" action="/search" role="search" aria-label="Search the record" className="field">
            <label htmlFor="not-found-search">Search the record instead</label>
            <p id="not-found-search-hint" className="hint">
              Type a few words from the motion or response you were looking for.
            </p>
            <div className="search-row">
              <input type="search" id="not-found-search" name="q" aria-describedby="not-found-search-hint" maxLength={200} />
              <button type="submit" className="button primary">
                Search
              </button>
            </div>
          </Form>
          <p>
            Or <Link to="/motions">browse all motions</Link>, or go to the <Link to="/">home page</Link>.
          </p>
        </>
      ) : (
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      )}
      <p className="hint">Error code {status}</p>
    </div>
  );
}
