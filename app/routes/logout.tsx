import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/form";
import { pageTitle } from "~/lib/meta";
import { redirectWithNotice } from "~/lib/notice.server";

// Signing out changes state, so it only ever happens on POST: a link, a prefetch or an image
// tag pointing here can never sign anyone out.
export async function loader({ context }: LoaderFunctionArgs) {
  return json({ displayName: context.actor?.displayName ?? null });
}

/** Where to go afterwards: home, or back to an invitation someone wants to use for a new account. */
function afterSignOut(value: FormDataEntryValue | null): string {
  return typeof value === "string" && /^\/join\/[A-Za-z0-9_-]{1,100}$/.test(value) ? value : "/";
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const clear = await context.auth.signOut(context.sessionId);
  return redirectWithNotice(afterSignOut(formData.get("redirectTo")), "You have signed out.", {
    headers: { "Set-Cookie": clear },
  });
}

export default function SignOut() {
  const { displayName } = useLoaderData<typeof loader>();
  if (!displayName) {
    return (
      <>
        <h1>You are signed out</h1>
        <p>
          You are not signed in on this device. <Link to="/login">Sign in</Link> or go to the <Link to="/">home page</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Sign out</h1>
      <p>
        You are signed in as <strong>{displayName}</strong>. If you are using a shared or public computer, signing out
        keeps your account safe.
      </p>
      <Form method="post">
        <div className="actions">
          <SubmitButton pendingText="Signing out…">Sign out</SubmitButton>
          <Link to="/">Stay signed in and go home</Link>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Sign out");
