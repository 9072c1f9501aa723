import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { When } from "~/components/when";
import { pageTitle } from "~/lib/meta";
import { redirectWithNotice } from "~/lib/notice.server";
import type { Role } from "../../db/schema";
import { isInvalidInput, isServiceError } from "../../server/domain/errors";
import { signUpSchema } from "../../server/domain/schemas/account";

// The link holds a secret: never let a shared cache keep this page.
const noStore = { "Cache-Control": "no-store" };

export async function loader({ params, context }: LoaderFunctionArgs) {
  const signedInAs = context.actor?.displayName ?? null;
  try {
    const invitation = await context.services.people.describeInvitation(params.token ?? "");
    return json({ invitation, problem: null, signedInAs, token: params.token ?? "" }, { headers: noStore });
  } catch (error) {
    if (isServiceError(error) && (error.code === "not_found" || error.code === "invalid_state")) {
      return json({ invitation: null, problem: error.message, signedInAs, token: "" }, { status: error.status, headers: noStore });
    }
    throw error;
  }
}

interface JoinReply {
  result: SubmissionResult<string[]>;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signUpSchema });
  const hideFields = ["password"];
  if (submission.status !== "success") {
    return json<JoinReply>({ result: submission.reply({ hideFields }) }, { status: 400, headers: noStore });
  }
  if (context.actor) {
    const message = `You are signed in as ${context.actor.displayName}. Sign out first to use this invitation for a new account.`;
    return json<JoinReply>({ result: submission.reply({ formErrors: [message], hideFields }) }, { status: 409, headers: noStore });
  }
  try {
    const { userId, displayName } = await context.services.people.join(params.token ?? "", submission.value);
    const setCookie = await context.auth.startSession(userId);
    return redirectWithNotice("/", `Welcome to the parliament, ${displayName}. You are signed in.`, {
      headers: { "Set-Cookie": setCookie },
    });
  } catch (error) {
    if (!isServiceError(error)) throw error;
    if (isInvalidInput(error)) {
      const { form, ...fieldErrors } = error.fieldErrors;
      const formErrors = form ?? (Object.keys(fieldErrors).length ? [] : [error.message]);
      return json<JoinReply>({ result: submission.reply({ fieldErrors, formErrors, hideFields }) }, { status: 400, headers: noStore });
    }
    // The invitation was used, withdrawn or ran out while the form was open.
    return json<JoinReply>({ result: submission.reply({ formErrors: [error.message], hideFields }) }, { status: error.status, headers: noStore });
  }
}

const invitedAs: Record<Role, string> = {
  member: "a member",
  commissioner: "a commissioner",
  chair: "the chair",
  admin: "an admin",
};

const whatTheyDo: Record<Role, string> = {
  member: "Members raise motions, second other people's motions, take part in debates and vote.",
  commissioner: "Commissioners answer, in public, the motions addressed to their body, and report on what they promised.",
  chair: "The chair runs sittings, opens and closes votes, and keeps discussions safe and kind.",
  admin: "Admins look after membership: they invite people and manage roles.",
};

export default function Join() {
  const { invitation, problem, signedInAs, token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "join",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
    shouldValidate: "onBlur",
    // Errors clear while typing, not on blur: a blur that removes an error moves the button being clicked.
    shouldRevalidate: "onInput",
  });

  if (!invitation) {
    return (
      <>
        <h1>This invitation cannot be used</h1>
        <p>{problem}</p>
        <p>
          Already a member? <Link to="/login">Sign in</Link>. Otherwise, please ask the person who invited you, or the
          parliament&apos;s admin, for a new invitation.
        </p>
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>Join the parliament</h1>
      <div className="panel wash">
        <p>
          You have been invited to join as <strong>{invitedAs[invitation.role]}</strong>
          {invitation.role === "commissioner" && invitation.bodyName ? (
            <>
              {" "}
              for <strong>{invitation.bodyName}</strong>
            </>
          ) : null}
          .
        </p>
        <p>{whatTheyDo[invitation.role]}</p>
        <p>
          This invitation works once, until <When at={invitation.expiresAt} withTime />.
        </p>
      </div>

      {signedInAs ? (
        <div className="warning">
          <p>
            You are signed in as <strong>{signedInAs}</strong>. To use this invitation for a new account, sign out first.
          </p>
          <Form method="post" action="/logout">
            <input type="hidden" name="redirectTo" value={`/join/${token}`} />
            <SubmitButton variant="secondary" pendingText="Signing out…">
              Sign out and come back here
            </SubmitButton>
          </Form>
        </div>
      ) : (
        <>
          <p>Choose how you will appear and how you will sign in. It takes a minute.</p>
          <Form method="post" {...getFormProps(form)} aria-describedby={form.errors?.length ? form.errorId : undefined}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField
              meta={fields.displayName}
              label="Display name"
              autoComplete="nickname"
              hint="Everyone will see this name, and it appears in the public record. It can be a made-up name: it does not need to be your real name. Between 2 and 40 characters."
            />
            <TextField
              meta={fields.email}
              label="Email address"
              type="email"
              autoComplete="email"
              hint="Used only to sign in. It is never shown on the site; only the parliament's admins can see it."
            />
            <TextField
              meta={fields.password}
              label="Password"
              type="password"
              autoComplete="new-password"
              hint="At least 10 characters. A few unrelated words together are easy to remember and hard to guess."
            />
            <div className="actions">
              <SubmitButton pendingText="Joining…">Join the parliament</SubmitButton>
            </div>
          </Form>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data?.invitation ? "Join the parliament" : "This invitation cannot be used");

// Remix takes a document's headers from here, not from the loader or action.
export const headers: HeadersFunction = () => noStore;
