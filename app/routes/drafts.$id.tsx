import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, SubmitButton } from "~/components/form";
import { MotionForm, assertListedBody, motionFormValues } from "~/components/motion-form";
import { When } from "~/components/when";
import { type FormReply, handleForm, readIntent } from "~/lib/forms.server";
import { notFound, requireActor } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { redirectWithNotice } from "~/lib/notice.server";
import { motionSchema } from "../../server/domain/schemas/motion";

/** Discarding needs no fields: the confirmation is the button inside the opened <details>. */
const discardSchema = z.object({});

const NO_DRAFT = "We could not find that draft. It may have been published or discarded already.";

function draftId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) notFound(NO_DRAFT);
  return id;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const id = draftId(params.id);
  // Someone else's draft reads exactly like a missing one: drafts are private.
  const draft = await context.services.read.draft(id, actor);
  if (!draft) notFound(NO_DRAFT);
  const bodies = await context.services.read.bodies();
  return json({
    id,
    title: draft.motion.title,
    updatedAt: draft.motion.updated_at,
    values: motionFormValues(draft.motion, draft.topics),
    bodies: bodies.map((b) => ({ id: b.id, name: b.name })),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const id = draftId(params.id);
  if (!(await context.services.read.draft(id, actor))) notFound(NO_DRAFT);
  const formData = await request.formData();
  const intent = readIntent(formData);
  const { motions } = context.services;
  const bodies = intent === "discard" ? [] : await context.services.read.bodies();
  switch (intent) {
    case "save":
      return handleForm(formData, motionSchema, intent, async (value) => {
        assertListedBody(bodies, value.bodyId);
        await motions.edit(actor, id, value);
        return redirectWithNotice(`/drafts/${id}`, "Your draft is saved.");
      });
    case "publish":
      // Publishing sends what is on the screen, so changes made just before are not lost.
      return handleForm(formData, motionSchema, intent, async (value) => {
        assertListedBody(bodies, value.bodyId);
        await motions.edit(actor, id, value);
        const number = await motions.publish(actor, id);
        return redirectWithNotice(`/motions/${number}`, `Your motion ${number} is published. Members can now read it and second it.`);
      });
    case "discard":
      return handleForm(formData, discardSchema, intent, async () => {
        await motions.discardDraft(actor, id);
        return redirectWithNotice("/my-motions", "Your draft was discarded.");
      });
    default:
      throw json({ message: "That form was not recognised. Please go back and try again." }, { status: 400 });
  }
}

export default function Draft() {
  const { id, title, updatedAt, values, bodies } = useLoaderData<typeof loader>();
  const actionData = useActionData<FormReply>();
  const [discardForm] = useForm({
    id: "discard-draft",
    lastResult: actionData?.intent === "discard" ? actionData.result : undefined,
  });
  return (
    <>
      <h1>Your draft</h1>
      <p>
        <strong>{title}</strong>
        <br />
        <span className="meta">
          Last saved <When at={updatedAt} withTime />
        </span>
      </p>
      <div className="panel wash">
        <p>
          Only you can see this draft. When you publish it, it gets a motion number and members can read it and
          second it.
        </p>
        <p>You can still change the text after publishing, until someone seconds it.</p>
      </div>
      <MotionForm
        id={`draft-${id}`}
        bodies={bodies}
        defaultValue={values}
        lastResult={actionData && actionData.intent !== "discard" ? actionData.result : undefined}
      >
        <SubmitButton intent="save" variant="secondary" pendingText="Saving…">
          Save changes
        </SubmitButton>
        <SubmitButton intent="publish" pendingText="Publishing…">
          Save and publish
        </SubmitButton>
      </MotionForm>

      <h2>Discard this draft</h2>
      <FormErrors id={discardForm.errorId} errors={discardForm.errors} />
      <details>
        <summary>I want to discard this draft</summary>
        <p>
          Discarding deletes the draft for good. It was never public, so nothing about it is kept. This cannot be
          undone.
        </p>
        <Form method="post" {...getFormProps(discardForm)}>
          <SubmitButton intent="discard" variant="danger" pendingText="Discarding…">
            Yes, discard this draft
          </SubmitButton>
        </Form>
      </details>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Your draft");
