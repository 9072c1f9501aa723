import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/form";
import { MotionForm, type SimilarMotions, assertListedBody } from "~/components/motion-form";
import { type FormReply, handleForm, readIntent } from "~/lib/forms.server";
import { requireRole } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { redirectWithNotice } from "~/lib/notice.server";
import { motionSchema } from "../../server/domain/schemas/motion";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(request, context, ["member"]);
  const bodies = await context.services.read.bodies();
  return json({ bodies: bodies.map((b) => ({ id: b.id, name: b.name })) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireRole(request, context, ["member"]);
  const formData = await request.formData();
  if (readIntent(formData) === "similar") {
    // Only a look-up: nothing is saved or checked, and the page comes back with every word kept.
    const title = String(formData.get("title") ?? "").trim().slice(0, 300);
    const similar: SimilarMotions = { text: title, motions: title ? await context.services.read.similarMotions(title) : [] };
    const { error: _error, status: _status, ...kept } = parseWithZod(formData, { schema: motionSchema }).reply();
    return json({ intent: "similar", result: kept, similar });
  }
  // Anything but an explicit "publish" keeps the motion private.
  const intent = readIntent(formData) === "publish" ? "publish" : "draft";
  const bodies = await context.services.read.bodies();
  return handleForm(formData, motionSchema, intent, async (value) => {
    assertListedBody(bodies, value.bodyId);
    if (intent === "publish") {
      const { number } = await context.services.motions.raise(actor, value, { publish: true });
      return redirectWithNotice(
        `/motions/${number}`,
        `Your motion ${number} is published. Members can now read it and second it.`,
      );
    }
    const { id } = await context.services.motions.raise(actor, value);
    return redirectWithNotice(`/drafts/${id}`, "Your draft is saved. Only you can see it until you publish it.");
  });
}

export default function RaiseMotion() {
  const { bodies } = useLoaderData<typeof loader>();
  const actionData = useActionData<FormReply & { similar?: SimilarMotions }>();
  return (
    <>
      <h1>Raise a motion</h1>
      <p>
        A motion asks the parliament to call for a change. Once you publish it, other members can second it; with
        enough seconders it goes to a debate and a vote. If it is carried, the commissioning body must answer in
        public.
      </p>
      <p className="hint">
        You can save a draft and come back to it: drafts are private and appear under{" "}
        <Link to="/my-motions">My motions</Link>. You can change a published motion until someone seconds it.
      </p>
      {bodies.length ? (
        <MotionForm id="raise-motion" bodies={bodies} lastResult={actionData?.result} similar={{ initial: actionData?.similar ?? null }}>
          {/* "Check for similar motions" (under the title) and then the draft button come before
              publishing: pressing Enter in a field must never publish. */}
          <SubmitButton intent="draft" variant="secondary" pendingText="Saving…">
            Save as draft
          </SubmitButton>
          <SubmitButton intent="publish" pendingText="Publishing…">
            Publish now
          </SubmitButton>
        </MotionForm>
      ) : (
        <p className="warning">
          No commissioning bodies have been set up yet, so there is nobody to address a motion to. Please ask the
          parliament&apos;s admin to add one.
        </p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Raise a motion");
