import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { pageTitle } from "~/lib/meta";
import { redirectWithNotice } from "~/lib/notice.server";
import { isInvalidInput } from "../../server/domain/errors";
import { signInSchema } from "../../server/domain/schemas/account";

/**
 * Only paths on this site: "/motions?page=2" yes; "//evil.example", "/\evil.example" and
 * "https://evil.example" no. Browsers drop tabs and newlines inside URLs ("/\t/evil.example"
 * becomes "//evil.example"), so any control character sends the person home instead.
 */
function safeRedirect(to: unknown): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\u007f]/.test(to)) return "/";
  if (/^\/(login|logout)(?:[/?#]|$)/.test(to)) return "/";
  return to;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.actor) throw redirect("/");
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  return json({ redirectTo: redirectTo === "/" ? "" : redirectTo });
}

interface SignInReply {
  result: SubmissionResult<string[]>;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signInSchema });
  // The password is never sent back into the page, whatever happens.
  const hideFields = ["password"];
  if (submission.status !== "success") {
    return json<SignInReply>({ result: submission.reply({ hideFields }) }, { status: 400 });
  }
  try {
    const { setCookie, actor } = await context.auth.signIn(submission.value, context.clientKey);
    // Someone signing in over an existing session (a shared computer) ends the old one.
    if (context.sessionId) await context.auth.signOut(context.sessionId);
    return redirectWithNotice(safeRedirect(submission.value.redirectTo), `Welcome back, ${actor.displayName}. You are signed in.`, {
      headers: { "Set-Cookie": setCookie },
    });
  } catch (error) {
    if (!isInvalidInput(error)) throw error;
    const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
    const throttled = typeof retryAfterMs === "number";
    return json<SignInReply>(
      { result: submission.reply({ formErrors: error.fieldErrors.form ?? [error.message], hideFields }) },
      {
        status: throttled ? 429 : 400,
        headers: throttled ? { "Retry-After": String(Math.ceil(retryAfterMs / 1000)) } : undefined,
      },
    );
  }
}

export default function SignIn() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
    shouldValidate: "onBlur",
    // Errors clear while typing, not on blur: a blur that removes an error moves the button being clicked.
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <h1>Sign in</h1>
      <p>Sign in with the email address and password you chose when you joined.</p>
      <Form method="post" {...getFormProps(form)} aria-describedby={form.errors?.length ? form.errorId : undefined}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <TextField meta={fields.email} label="Email address" type="email" autoComplete="email" />
        <TextField meta={fields.password} label="Password" type="password" autoComplete="current-password" />
        <div className="actions">
          <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
        </div>
      </Form>

      <h2>Not a member yet?</h2>
      <p>
        Membership is by invitation. If someone from the parliament has invited you, open the link in your invitation to
        choose your display name and password. If you would like to take part, ask at your peer group or contact the
        parliament&apos;s admin.
      </p>
      <p>
        You do not need to sign in to read: every motion, debate, vote and commissioner response is public.{" "}
        <Link to="/motions">Browse the motions</Link>.
      </p>
      <h2>Forgotten your password?</h2>
      <p>Please contact the parliament&apos;s admin.</p>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Sign in");

// Remix takes a document's headers from here, not from the action: pass on how long to wait.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
