import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, SelectField, SubmitButton } from "~/components/form";
import { When } from "~/components/when";
import { type FormReply, handleForm, readIntent } from "~/lib/forms.server";
import { requireRole } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { pageOf } from "~/lib/paging";
import { redirectWithNotice } from "~/lib/notice.server";
import type { Role } from "../../db/schema";
import { changeRoleSchema, roleLabels, roles, userIdSchema } from "../../server/domain/schemas/account";

const PER_PAGE = 50;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireRole(request, context, ["admin"]);
  const [people, bodies] = await Promise.all([context.services.read.people(), context.services.read.bodies()]);
  const { items: onPage, page, pages } = pageOf(people, request.url, PER_PAGE);
  // Who is the last of their kind decides what the confirmations warn about (the service refuses
  // to remove the last chair; losing a body's last commissioner is allowed, but said out loud).
  const active = people.filter((p) => p.status === "active");
  const chairs = active.filter((p) => p.role === "chair").length;
  const commissionersOf = (bodyId: number | null) => active.filter((p) => p.role === "commissioner" && p.body_id === bodyId).length;
  return json({
    selfId: actor.id,
    people: onPage.map((p) => {
      const isActive = p.status === "active";
      return {
        ...p,
        onlyChair: isActive && p.role === "chair" && chairs === 1,
        onlyCommissioner: isActive && p.role === "commissioner" && commissionersOf(p.body_id) === 1,
      };
    }),
    total: people.length,
    suspended: people.filter((p) => p.status === "suspended").length,
    page,
    pages,
    bodies: bodies.map((b) => ({ id: b.id, name: b.name })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireRole(request, context, ["admin"]);
  const formData = await request.formData();
  const intent = readIntent(formData);
  const userId = String(formData.get("userId") ?? "");
  const here = new URL(request.url);
  const back = here.pathname + here.search;
  const people = context.services.people;

  if (intent === "role") {
    return handleForm(formData, changeRoleSchema, `role:${userId}`, async (value) => {
      const { displayName, changed } = await people.changeRole(actor, value);
      const role = roleLabels[value.role as Role];
      return redirectWithNotice(back, changed ? `${displayName}'s role is now ${role}.` : `Nothing changed: ${displayName} already had that role.`);
    });
  }
  if (intent === "suspend" || intent === "reinstate") {
    const suspend = intent === "suspend";
    return handleForm(formData, userIdSchema, `status:${userId}`, async (value) => {
      const { displayName } = await people.setSuspended(actor, value, suspend);
      return redirectWithNotice(
        back,
        suspend ? `${displayName} is suspended and has been signed out.` : `${displayName} is reinstated and can sign in again.`,
      );
    });
  }
  throw json({ message: "That form is not one this page knows. Reload the page and try again." }, { status: 400 });
}

type Person = ReturnType<typeof useLoaderData<typeof loader>>["people"][number];
type BodyOption = { id: number; name: string };

export default function People() {
  const { selfId, people, total, suspended, page, pages, bodies } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  return (
    <>
      <h1>People</h1>
      <p>
        Everyone who has joined the parliament. Emails are shown only on this page, to admins. To add someone,{" "}
        <Link to="/admin/invitations">create an invitation</Link>.
      </p>
      <h2>Everyone</h2>
      <p className="meta">
        {total === 1 ? "1 person" : `${total} people`}
        {suspended ? `, of whom ${suspended} ${suspended === 1 ? "is" : "are"} suspended` : ""}.
      </p>
      {people.length === 0 ? (
        <p className="empty">
          Nobody has joined yet. <Link to="/admin/invitations">Invite the first members</Link>.
        </p>
      ) : (
        <ul className="motion-list" aria-label="People">
          {people.map((person) => (
            <PersonItem key={person.id} person={person} bodies={bodies} isSelf={person.id === selfId} reply={reply} />
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label="Pages of people">
          {page > 1 ? <Link to={`?page=${page - 1}`}>Previous page</Link> : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <Link to={`?page=${page + 1}`}>Next page</Link> : null}
        </nav>
      ) : null}
    </>
  );
}

function PersonItem({ person, bodies, isSelf, reply }: { person: Person; bodies: BodyOption[]; isSelf: boolean; reply?: FormReply }) {
  const roleReply = reply?.intent === `role:${person.id}` ? reply.result : undefined;
  const statusReply = reply?.intent === `status:${person.id}` ? reply.result : undefined;
  const [roleForm, roleFields] = useForm({
    id: `role-${person.id}`,
    lastResult: roleReply,
    defaultValue: { role: person.role, bodyId: person.body_id ? String(person.body_id) : "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changeRoleSchema }),
    shouldValidate: "onBlur",
    // Errors clear while typing, not on blur: a blur that removes an error moves the button being clicked.
    shouldRevalidate: "onInput",
  });
  const [statusForm] = useForm({
    id: `status-${person.id}`,
    lastResult: statusReply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: userIdSchema }),
  });
  const isSuspended = person.status === "suspended";
  const name = person.display_name;
  const lastChairNote = person.onlyChair ? (
    <div className="warning">
      <p>
        {`${name} is the only chair. Someone must run sittings and moderate, so make another person chair before changing ${name}'s role or suspending them.`}
      </p>
    </div>
  ) : null;
  const onlyCommissionerWarning = person.onlyCommissioner ? (
    <div className="warning">
      <p>
        {`${name} is the only commissioner of ${person.body_name ?? "their body"}; nobody will be able to answer its motions until someone else is invited.`}
      </p>
    </div>
  ) : null;

  return (
    <li>
      <h3>
        {name} {isSelf ? <span className="tag info">You</span> : null}{" "}
        {isSuspended ? <span className="tag bad">Suspended</span> : <span className="tag good">Active</span>}
      </h3>
      <p className="meta">
        {roleLabels[person.role]}
        {person.role === "commissioner" ? ` for ${person.body_name ?? "an unknown body"}` : ""} · {person.email ?? "no email"} ·
        joined <When at={person.created_at} />
      </p>
      {isSelf ? (
        <>
          {/* No forms here, but a crafted or stale request about oneself still gets its answer shown. */}
          <FormErrors id={`self-${person.id}-error`} errors={(roleReply ?? statusReply)?.error?.[""] ?? undefined} />
          <p className="hint">This is you. Another admin can change your role or suspend your account; you cannot do it yourself.</p>
        </>
      ) : (
        <>
          <details open={roleReply?.status === "error" || undefined}>
            <summary>
              Change role<span className="visually-hidden"> of {name}</span>
            </summary>
            <Form method="post" {...getFormProps(roleForm)}>
              <FormErrors id={roleForm.errorId} errors={roleForm.errors} />
              <input type="hidden" name="userId" value={person.id} />
              {lastChairNote}
              <SelectField meta={roleFields.role} label="Role" options={roles.map((r) => ({ value: r, label: roleLabels[r] }))} />
              <SelectField
                meta={roleFields.bodyId}
                label="Commissioning body"
                hint="Needed only for commissioners: the body they answer for."
                placeholder="None"
                options={bodies.map((b) => ({ value: String(b.id), label: b.name }))}
              />
              {/* A role decides what someone can do from their next click: one more deliberate step, as for suspending. */}
              <details className="confirm" open={roleReply?.status === "error" || undefined}>
                <summary>
                  Save the new role<span className="visually-hidden"> of {name}</span>…
                </summary>
                {onlyCommissionerWarning}
                <p>{`The change takes effect straight away: ${name} will see what the new role lets them do on their next page.`}</p>
                <SubmitButton intent="role" pendingText="Saving…">
                  {`Yes, change ${name}'s role`}
                </SubmitButton>
              </details>
            </Form>
          </details>
          <details open={statusReply?.status === "error" || undefined}>
            <summary>
              {isSuspended ? "Reinstate" : "Suspend"}
              <span className="visually-hidden"> {name}</span>…
            </summary>
            <Form method="post" {...getFormProps(statusForm)}>
              <FormErrors id={statusForm.errorId} errors={statusForm.errors} />
              <input type="hidden" name="userId" value={person.id} />
              {isSuspended ? (
                <p>{name} will be able to sign in again with their own password.</p>
              ) : (
                <>
                  {lastChairNote}
                  {onlyCommissionerWarning}
                  <p>
                    {name} will be signed out everywhere and will not be able to sign in until an admin reinstates them. Their
                    motions, posts and votes stay in the record.
                  </p>
                </>
              )}
              <SubmitButton intent={isSuspended ? "reinstate" : "suspend"} variant={isSuspended ? "secondary" : "danger"} pendingText="Saving…">
                {isSuspended ? `Yes, reinstate ${name}` : `Yes, suspend ${name}`}
              </SubmitButton>
            </Form>
          </details>
        </>
      )}
    </li>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "People");
