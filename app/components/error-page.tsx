// The one ErrorBoundary body: a plain-language message for each status, and a way on.
import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";

const headings: Record<number, string> = {
  400: "Something in the request was not right",
  403: "You cannot do that",
  404: "We could not find that page",
  409: "That cannot be done right now",
};

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
        <p>
          <Link to="/motions">Browse all motions</Link>, or go to the <Link to="/">home page</Link>.
        </p>
      ) : (
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      )}
      <p className="hint">Error code {status}</p>
    </div>
  );
}
