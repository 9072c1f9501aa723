// Who seconded, how many are needed, when an unseconded motion lapses, and the member's button.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { FormErrors, SubmitButton } from "~/components/form";
import { When } from "~/components/when";
import type { FormReply } from "~/lib/forms.server";
import { intents, messagesOf, replyFor, secondSchema } from "./form-schemas";
import type { PageData } from "./route";

/** "A", "A and B", "A, B and C" */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

export function SecondingSection({ page, reply }: { page: PageData; reply: FormReply | undefined }) {
  const lastResult = replyFor(reply, intents.second);
  const [form] = useForm({
    id: "second",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: secondSchema }),
  });
  const m = page.motion;
  const names = page.seconders.map((s) => s.name);
  const count =
    names.length > m.seconders_required
      ? `${names.length} seconders; ${m.seconders_required} needed`
      : `${names.length} of ${m.seconders_required} needed`;
  return (
    <section id="seconding" aria-labelledby="seconding-heading">
      <h2 id="seconding-heading">Seconding</h2>
      <p>
        {names.length ? `Seconded by ${joinNames(names)} (${count}).` : `Nobody has seconded this motion yet (${count}).`}
      </p>
      {m.status === "open" && m.lapses_at ? (
        <p>
          Lapses on <When at={m.lapses_at} /> if not seconded.
        </p>
      ) : null}
      {page.viewerHasSeconded ? <p>You seconded this motion. Thank you.</p> : null}
      {page.viewerIsProposer && (m.status === "open" || m.status === "seconded") ? (
        <p className="hint">You proposed this motion, so other members second it.</p>
      ) : null}
      {page.can.second ? (
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value={intents.second} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <p className="hint">
            Seconding says you think the parliament should consider this motion. It is not a vote for it.
          </p>
          <SubmitButton intent={intents.second} pendingText="Seconding…">
            Second this motion
          </SubmitButton>
        </Form>
      ) : (
        // Without its form (the proposer, or a motion no longer open), a refusal still needs a place to show.
        <FormErrors id="second-errors" errors={messagesOf(lastResult)} />
      )}
    </section>
  );
}
