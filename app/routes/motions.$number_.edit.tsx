import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, SubmitButton } from "~/components/form";
import { MotionForm, assertListedBody, motionFormValues } from "~/components/motion-form";
import { type FormReply, handleForm } from "~/lib/forms.server";
import { notFound, requireActor } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { redirectWithNotice } from "~/lib/notice.server";
import { InvalidState } from "../../server/domain/errors";
import { statusLabels } from "../../server/domain/motion-state";
import type { Actor } from "../../server/domain/permissions";
import { motionSchema } from "../../server/domain/schemas/motion";

/** The motion, if the person asking proposed it; anyone else gets the 404 or 403 page. */
async function proposersMotion(context: AppLoadContext, number: string, actor: Actor) {
  const page = await context.services.read.motionPage(number, actor);
  if (!page) notFound(`There is no motion ${number}.`);
  if (page.proposer.id !== actor.id) {
    throw json({ message: "Only the member who proposed this motion can change its text." }, { status: 403 });
  }
  return page;
}

function whyNotEditable(status: keyof typeof statusLabels, seconds: number): string {
  if (seconds > 0) {
    return "Members have seconded this motion, so its text can no longer change: seconders back the words they read.";
  }
  return `This motion is now "${statusLabels[status].toLowerCase()}", so its text can no longer change.`;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const number = params.number ?? "";
  const page = await proposersMotion(context, number, actor);
  const base = { number, title: page.motion.title };
  if (!page.can.edit) {
    return json(
      { ...base, editable: false as const, reason: whyNotEditable(page.motion.status, page.seconders.length) },
      { status: 409 },
    );
  }
  const bodies = await context.services.read.bodies();
  return json({
    ...base,
    editable: true as const,
    version: page.motion.version,
    values: motionFormValues(page.motion, page.topics),
    bodies: bodies.map((b) => ({ id: b.id, name: b.name })),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const number = params.number ?? "";
  const page = await proposersMotion(context, number, actor);
  const formData = await request.formData();
  const bodies = await context.services.read.bodies();
  return handleForm(formData, motionSchema, "edit", async (value) => {
    if (!page.can.edit) throw new InvalidState(whyNotEditable(page.motion.status, page.seconders.length));
    assertListedBody(bodies, value.bodyId);
    // The service checks again inside its transaction: a second that lands meanwhile still wins.
    await context.services.motions.edit(actor, page.motion.id, value);
    return redirectWithNotice(
      `/motions/${number}`,
      "Your changes are saved. The earlier wording is kept in the motion's history.",
    );
  });
}

export default function EditMotion() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<FormReply>();
  if (!data.editable) {
    // The action's refusal usually repeats the reason below; show it only when it adds something.
    const refused = actionData?.result.error?.[""]?.filter((message) => message !== data.reason);
    return (
      <>
        <h1>This motion can no longer be edited</h1>
        <FormErrors id="edit-refused" errors={refused} />
        <p>
          <span className="number">{data.number}</span> {data.title}
        </p>
        <p>{data.reason}</p>
        <p>
          If something needs to change, you can say so in the motion&apos;s discussion. Before the vote you can
          also withdraw it and raise a new one.
        </p>
        <p>
          <Link to={`/motions/${data.number}`}>Back to motion {data.number}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Edit motion {data.number}</h1>
      <div className="panel wash">
        <p>
          Nobody has seconded this motion yet, so you can still change it. Your changes become version{" "}
          {data.version + 1}; the earlier wording stays in the motion&apos;s public history.
        </p>
        <p>Once a member seconds it, the text is fixed.</p>
      </div>
      <MotionForm id={`edit-${data.number}`} bodies={data.bodies} defaultValue={data.values} lastResult={actionData?.result}>
        <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
        <Link to={`/motions/${data.number}`}>Cancel and go back</Link>
      </MotionForm>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? `Edit motion ${data.number}` : "Edit motion");
