import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, RadioGroup, SelectField, SubmitButton, TextField } from "~/components/form";
import { When } from "~/components/when";
import { type FormReply, handleForm, readIntent } from "~/lib/forms.server";
import { requireRole } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { redirectWithNotice } from "~/lib/notice.server";
import type { Role } from "../../db/schema";
import { invitationSchema, roleLabels, roles } from "../../server/domain/schemas/account";
import { id } from "../../server/domain/schemas/text";

const withdrawSchema = z.object({ invitationId: id("The invitation") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(request, context, ["admin"]);
  const [invitations, bodies] = await Promise.all([context.services.read.invitations(), context.services.read.bodies()]);
  return json({ invitations, bodies: bodies.map((b) => ({ id: b.id, name: b.name })), now: context.services.clock.now() });
}

interface Created {
  intent: "created";
  id: number;
  link: string;
  role: Role;
  bodyName: string | null;
  expiresAt: number;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireRole(request, context, ["admin"]);
  const formData = await request.formData();
  const intent = readIntent(formData);

  if (intent === "create") {
    return handleForm(formData, invitationSchema, "create", async (value) => {
      const created = await context.services.people.invite(actor, value);
      const bodies = value.role === "commissioner" ? await context.services.read.bodies() : [];
      // Only the token's hash is stored, so the link is shown in this response and never again:
      // no redirect, and no cache may keep it.
      return json<Created>(
        {
          intent: "created",
          id: created.id,
          link: `${new URL(request.url).origin}/join/${created.token}`,
          role: value.role,
          bodyName: bodies.find((b) => b.id === value.bodyId)?.name ?? null,
          expiresAt: created.expiresAt,
        },
        { headers: { "Cache-Control": "no-store" } },
      );
    });
  }
  if (intent === "withdraw") {
    const invitationId = String(formData.get("invitationId") ?? "");
    return handleForm(formData, withdrawSchema, `withdraw:${invitationId}`, async (value) => {
      await context.services.people.revokeInvitation(actor, value.invitationId);
      return redirectWithNotice("/admin/invitations", "The invitation is withdrawn. Its link no longer works.");
    });
  }
  throw json({ message: "That form is not one this page knows. Reload the page and try again." }, { status: 400 });
}

type Invitation = ReturnType<typeof useLoaderData<typeof loader>>["invitations"][number];

function roleText(role: Role, bodyName: string | null) {
  return role === "commissioner" ? `Commissioner for ${bodyName ?? "an unknown body"}` : roleLabels[role];
}

export default function Invitations() {
  const { invitations, bodies, now } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as FormReply | Created | undefined;
  const created = data?.intent === "created" ? (data as Created) : null;
  const reply = created ? undefined : (data as FormReply | undefined);
  return (
    <>
      <h1>Invitations</h1>
      <p>
        Membership is by invitation. Create a link here and send it to the person yourself, by email or message. Each
        link works once. <Link to="/admin/people">See everyone who has joined</Link>.
      </p>
      {created ? <CreatedLink created={created} /> : null}
      {/* A new key after each invitation gives a fresh, empty form. */}
      <CreateForm key={created?.id ?? "new"} bodies={bodies} reply={reply?.intent === "create" ? reply : undefined} />
      <h2>Invitations so far</h2>
      {invitations.length === 0 ? (
        <p className="empty">No invitations yet. Invitations you create will be listed here.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Invitations, newest first</caption>
          <thead>
            <tr>
              <th scope="col">For</th>
              <th scope="col">Note</th>
              <th scope="col">Created</th>
              <th scope="col">Works until</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((invitation) => (
              <InvitationRow key={invitation.id} invitation={invitation} now={now} reply={reply} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function CreatedLink({ created }: { created: Created }) {
  // The copy button needs JavaScript, so it appears only once the page has it.
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  return (
    <section className="panel" aria-labelledby="created-heading">
      <h2 id="created-heading">Invitation created</h2>
      <p role="status">
        An invitation for <strong>{roleText(created.role, created.bodyName)}</strong> is ready. It works once, until{" "}
        <When at={created.expiresAt} withTime />.
      </p>
      <div className="warning">
        <p>
          <strong>Copy the link now.</strong> It will not be shown again: we keep only a scrambled copy, so nobody, not even
          an admin, can read it later. If it is lost, withdraw it and create a new one.
        </p>
      </div>
      <div className="field">
        <label htmlFor="invitation-link">Invitation link</label>
        <p id="invitation-link-hint" className="hint">
          Select the whole link and copy it into your message.
        </p>
        <input
          id="invitation-link"
          type="text"
          readOnly
          value={created.link}
          aria-describedby="invitation-link-hint"
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      {canCopy ? (
        <div className="actions">
          <button
            type="button"
            className="button secondary"
            onClick={() => navigator.clipboard.writeText(created.link).then(() => setCopied(true))}
          >
            Copy link
          </button>
          <span aria-live="polite">{copied ? "Copied." : ""}</span>
        </div>
      ) : null}
    </section>
  );
}

function CreateForm({ bodies, reply }: { bodies: { id: number; name: string }[]; reply?: FormReply }) {
  const [form, fields] = useForm({
    id: "create-invitation",
    lastResult: reply?.result,
    defaultValue: { role: "member", validDays: "14" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: invitationSchema }),
    shouldValidate: "onBlur",
    // Errors clear while typing, not on blur: a blur that removes an error moves the button being clicked.
    shouldRevalidate: "onInput",
  });
  return (
    <section aria-labelledby="create-heading">
      <h2 id="create-heading">Invite someone</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <RadioGroup
          meta={fields.role}
          legend="Role"
          options={roles.map((role) => ({ value: role, label: roleLabels[role] }))}
          inline
        />
        <SelectField
          meta={fields.bodyId}
          label="Commissioning body"
          hint={bodies.length ? "Needed only for commissioners: the body they will answer for." : "There are no commissioning bodies yet, so nobody can be invited as a commissioner."}
          placeholder="None"
          options={bodies.map((b) => ({ value: String(b.id), label: b.name }))}
        />
        <TextField
          meta={fields.label}
          label="Note (optional)"
          hint="Only admins see this. It helps you remember who the invitation is for, such as “Tuesday peer group”."
        />
        <TextField meta={fields.validDays} label="Days the link works" type="number" hint="Between 1 and 30 days." />
        <SubmitButton intent="create" pendingText="Creating…">
          Create invitation link
        </SubmitButton>
      </Form>
    </section>
  );
}

function InvitationRow({ invitation, now, reply }: { invitation: Invitation; now: number; reply?: FormReply }) {
  const withdrawReply = reply?.intent === `withdraw:${invitation.id}` ? reply.result : undefined;
  const [form] = useForm({
    id: `withdraw-${invitation.id}`,
    lastResult: withdrawReply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: withdrawSchema }),
  });
  const waiting = invitation.used_at === null && invitation.revoked_at === null && invitation.expires_at > now;
  return (
    <tr>
      <td>{roleText(invitation.role, invitation.body_name)}</td>
      <td>{invitation.label || <span className="visually-hidden">No note</span>}</td>
      <td>
        <When at={invitation.created_at} />
      </td>
      <td>
        <When at={invitation.expires_at} withTime />
      </td>
      <td>
        {invitation.used_at !== null ? (
          <span className="tag good">Used by {invitation.used_by_name ?? "former member"}</span>
        ) : invitation.revoked_at !== null ? (
          <span className="tag">Withdrawn</span>
        ) : !waiting ? (
          <span className="tag bad">Expired</span>
        ) : (
          <>
            <span className="tag info">Waiting</span>
            <details open={withdrawReply?.status === "error" || undefined}>
              <summary>
                Withdraw
                <span className="visually-hidden">
                  {" "}
                  the invitation for {roleText(invitation.role, invitation.body_name)}
                  {invitation.label ? ` (${invitation.label})` : ""}
                </span>
                …
              </summary>
              <Form method="post" {...getFormProps(form)}>
                <FormErrors id={form.errorId} errors={form.errors} />
                <input type="hidden" name="invitationId" value={invitation.id} />
                <p>The link will stop working straight away.</p>
                <SubmitButton intent="withdraw" variant="danger" pendingText="Withdrawing…">
                  Yes, withdraw it
                </SubmitButton>
              </Form>
            </details>
          </>
        )}
      </td>
    </tr>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Invitations");

// Remix takes a document's headers from here, not from the action: keep "no-store" on the one
// response that carries a new invitation link.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const cacheControl = actionHeaders.get("Cache-Control");
  if (cacheControl) headers.set("Cache-Control", cacheControl);
  return headers;
};
