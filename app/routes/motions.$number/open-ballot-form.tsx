// The chair puts a seconded motion to an online vote: what kind, which majority, until when.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { ruleLabels } from "../../../server/domain/ballot-outcome";
import { FormErrors, RadioGroup, SubmitButton, TextField } from "~/components/form";
import { useTimeZone } from "~/components/when";
import type { FormReply } from "~/lib/forms.server";
import { intents, openBallotSchema, replyFor, validateTiming } from "./form-schemas";

export function OpenBallotForm({ reply, defaultClosesAt }: { reply: FormReply | undefined; defaultClosesAt: string }) {
  const timeZone = useTimeZone();
  const [form, fields] = useForm<z.input<typeof openBallotSchema>>({
    id: "open-ballot",
    lastResult: replyFor(reply, intents.openBallot),
    defaultValue: { kind: "recorded", rule: "simple", closesAt: defaultClosesAt },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: openBallotSchema }),
    ...validateTiming,
  });
  return (
    <section className="panel" aria-labelledby="open-ballot-heading">
      <h3 id="open-ballot-heading">Open a vote</h3>
      <p>This motion has enough seconders. You can put it to an online vote of all members.</p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intents.openBallot} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <RadioGroup
          meta={fields.kind}
          legend="What kind of vote?"
          options={[
            {
              value: "recorded",
              label: "Recorded vote.",
              hint: "Everyone can see how each member voted once voting closes. Members can change their vote until then.",
            },
            {
              value: "secret",
              label: "Secret ballot.",
              hint: "Only the totals are published. Nobody can see how anyone voted, and a vote cannot be changed.",
            },
          ]}
        />
        <RadioGroup
          meta={fields.rule}
          legend="What majority does the motion need to pass?"
          options={[
            { value: "simple", label: ruleLabels.simple },
            { value: "two_thirds", label: ruleLabels.two_thirds },
          ]}
        />
        <TextField
          meta={fields.closesAt}
          type="datetime-local"
          label="When does voting close?"
          hint={`A week from now is filled in. Times are in the parliament's time zone (${timeZone}). Voting must stay open for at least 10 minutes and at most 60 days.`}
        />
        <SubmitButton intent={intents.openBallot} pendingText="Opening the vote…">
          Open the vote
        </SubmitButton>
      </Form>
    </section>
  );
}
