// The chair schedules a sitting: what it is called, when it starts (the parliament's wall clock),
// where it meets or its online link, and an optional speaking time shown to everyone.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import type { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { useTimeZone } from "~/components/when";
import { type FormReply, handleForm } from "~/lib/forms.server";
import { requireRole } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { redirectWithNotice } from "~/lib/notice.server";
import { scheduleSittingSchema } from "../../server/domain/schemas/sitting";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(request, context, ["chair"]);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireRole(request, context, ["chair"]);
  const formData = await request.formData();
  return handleForm(formData, scheduleSittingSchema, "schedule", async (value) => {
    const { sittingId } = await context.services.sittings.schedule(actor, value);
    return redirectWithNotice(`/sittings/${sittingId}#agenda`, "The sitting is scheduled. Now add seconded motions to its agenda.");
  });
}

export default function ScheduleSitting() {
  const actionData = useActionData<FormReply>();
  const timeZone = useTimeZone();
  const [form, fields] = useForm<z.input<typeof scheduleSittingSchema>>({
    id: "schedule-sitting",
    lastResult: actionData?.intent === "schedule" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: scheduleSittingSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <h1>Schedule a sitting</h1>
      <p>
        Once it is scheduled, the sitting appears on the home page and in <Link to="/sittings">Sittings</Link>, and you
        can build its agenda from seconded motions.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.title} label="Title" hint="For example: March sitting. Between 3 and 120 characters." />
        <TextField
          meta={fields.startsAt}
          type="datetime-local"
          label="Starts at"
          hint={`The date and time in the parliament's time zone (${timeZone}).`}
        />
        <TextField meta={fields.place} label="Place (optional)" hint="Where members meet in person, with enough detail to find the room." />
        <TextField
          meta={fields.onlineLink}
          label="Online link (optional)"
          hint="A full web address starting with https://. Give a place, an online link, or both."
        />
        <TextField
          meta={fields.speakingMinutes}
          type="number"
          label="Speaking time in minutes (optional)"
          hint="A guide shown to everyone while someone speaks, from 1 to 30 minutes. Nobody is cut off."
        />
        <div className="actions">
          <SubmitButton intent="schedule" pendingText="Scheduling…">
            Schedule the sitting
          </SubmitButton>
          <Link to="/sittings">Cancel</Link>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Schedule a sitting");
