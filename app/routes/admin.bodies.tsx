// Admins set up the commissioning bodies that motions are addressed to: their names, what they
// do, how long they have to answer, and how the public can reach them.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { periodText } from "~/components/accountability-chart";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, SubmitButton, TextArea, TextField } from "~/components/form";
import { type FormReply, handleForm, readIntent } from "~/lib/forms.server";
import { requireRole } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { redirectWithNotice } from "~/lib/notice.server";
import { InvalidInput } from "../../server/domain/errors";
import { bodySchema } from "../../server/domain/schemas/accountability";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(request, context, ["admin"]);
  const { bodies } = await context.services.read.accountability();
  return json({
    bodies: bodies.map((b) => ({
      id: b.id,
      slug: b.slug,
      name: b.name,
      description: b.description,
      contact: b.contact,
      responsePeriodDays: b.responsePeriodDays,
      addressed: b.addressed,
    })),
  });
}

/**
 * A name another body already has gets its message beside the name field. The service refuses
 * it too (case-insensitively, inside its transaction); this only puts the message in its place.
 */
function assertNameFree(bodies: { id: number; name: string }[], name: string, exceptId?: number) {
  const clash = bodies.find((b) => b.id !== exceptId && b.name.toLowerCase() === name.toLowerCase());
  if (clash) {
    const message = `${clash.name} already exists. Choose a different name.`;
    throw new InvalidInput(message, { name: [message] });
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireRole(request, context, ["admin"]);
  const formData = await request.formData();
  const intent = readIntent(formData);
  const bodies = await context.services.read.bodies();

  if (intent === "create") {
    return handleForm(formData, bodySchema, "create", async (value) => {
      assertNameFree(bodies, value.name);
      await context.services.bodies.create(actor, value);
      return redirectWithNotice("/admin/bodies", `${value.name} is added. Members can now address motions to it.`);
    });
  }
  if (intent === "update") {
    const bodyId = Number(formData.get("bodyId"));
    return handleForm(formData, bodySchema, `update:${formData.get("bodyId")}`, async (value) => {
      if (!Number.isInteger(bodyId) || !bodies.some((b) => b.id === bodyId)) {
        throw json({ message: "There is no such commissioning body. It may have been removed; reload the page." }, { status: 404 });
      }
      assertNameFree(bodies, value.name, bodyId);
      await context.services.bodies.update(actor, bodyId, value);
      return redirectWithNotice("/admin/bodies", `Your changes to ${value.name} are saved.`);
    });
  }
  throw json({ message: "That form is not one this page knows. Reload the page and try again." }, { status: 400 });
}

type Body = ReturnType<typeof useLoaderData<typeof loader>>["bodies"][number];

function BodyFields({ fields }: { fields: ReturnType<typeof useBodyForm>[1] }) {
  return (
    <>
      <TextField meta={fields.name} label="Name" hint="As the public knows it, for example Riverside Integrated Care Board." />
      <TextArea meta={fields.description} label="What it does (optional)" hint="One or two plain sentences about the services it pays for." rows={3} />
      <TextField
        meta={fields.responsePeriodDays}
        type="number"
        label="Days it has to answer a carried motion"
        hint="Between 7 and 365 days; eight weeks is 56. A new period applies to motions carried from now on: motions already waiting keep the due date they were given."
      />
      <TextField
        meta={fields.contact}
        label="Public contact line (optional)"
        hint="How members of the public can reach the body about this parliament's motions: an email address, a phone number or a web page."
      />
    </>
  );
}

function useBodyForm(id: string, reply: FormReply | undefined, intent: string, defaultValue?: Record<string, string>) {
  return useForm({
    id,
    lastResult: reply?.intent === intent ? reply.result : undefined,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bodySchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
}

function EditBody({ body, reply }: { body: Body; reply: FormReply | undefined }) {
  const intent = `update:${body.id}`;
  const [form, fields] = useBodyForm(`edit-body-${body.id}`, reply, intent, {
    name: body.name,
    description: body.description,
    responsePeriodDays: String(body.responsePeriodDays),
    contact: body.contact,
  });
  return (
    <li>
      <h3>
        <Link to={`/bodies/${body.slug}`}>{body.name}</Link>
      </h3>
      <p className="meta">
        Answers within {periodText(body.responsePeriodDays)} · {body.addressed === 1 ? "1 motion" : `${body.addressed} motions`}{" "}
        addressed to it · contact: {body.contact || "none given"}
      </p>
      <details open={reply?.intent === intent && reply.result.status === "error" ? true : undefined}>
        <summary>
          Edit<span className="visually-hidden">{` ${body.name}`}</span>
        </summary>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="bodyId" value={body.id} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <BodyFields fields={fields} />
          <SubmitButton intent="update" pendingText="Saving…">
            Save changes<span className="visually-hidden">{` to ${body.name}`}</span>
          </SubmitButton>
        </Form>
      </details>
    </li>
  );
}

function CreateBody({ reply }: { reply: FormReply | undefined }) {
  const [form, fields] = useBodyForm("create-body", reply, "create", { responsePeriodDays: "56" });
  return (
    <section className="panel" aria-labelledby="create-heading">
      <h2 id="create-heading">Add a body</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <BodyFields fields={fields} />
        <SubmitButton intent="create" pendingText="Adding…">
          Add the body
        </SubmitButton>
      </Form>
    </section>
  );
}

export default function AdminBodies() {
  const { bodies } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  return (
    <>
      <h1>Commissioning bodies</h1>
      <p>
        The organisations that pay for mental health services and must answer this parliament&apos;s carried motions in public.
        Members choose one when they raise a motion, and commissioners are linked to one on the{" "}
        <Link to="/admin/people">People</Link> page.
      </p>
      <h2>All bodies</h2>
      {bodies.length === 0 ? (
        <p className="empty">There are no bodies yet. Add the first one below, so members can address motions to it.</p>
      ) : (
        <ul className="motion-list" aria-label="Commissioning bodies">
          {bodies.map((body) => (
            // A saved change remounts the form, so it shows what was stored and folds away.
            <EditBody key={`${body.id}:${body.name}:${body.responsePeriodDays}:${body.description}:${body.contact}`} body={body} reply={reply} />
          ))}
        </ul>
      )}
      {/* A new body empties the form for the next one. */}
      <CreateBody key={bodies.length} reply={reply} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Commissioning bodies");
