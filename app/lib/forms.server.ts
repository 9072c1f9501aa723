// Every action has the same shape: parse with the form's shared schema -> 400 with field
// errors, or call the service -> redirect; a service's typed error becomes the right status
// and a message beside the form. Unknown things become the 404 page.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json } from "@remix-run/node";
import type { z } from "zod";
import { isInvalidInput, isServiceError } from "../../server/domain/errors";

export interface FormReply {
  intent: string;
  result: SubmissionResult<string[]>;
}

export async function handleForm<S extends z.ZodTypeAny>(
  formData: FormData,
  schema: S,
  intent: string,
  run: (value: z.output<S>) => Promise<Response>,
): Promise<Response> {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return json<FormReply>({ intent, result: submission.reply() }, { status: 400 });
  }
  try {
    return await run(submission.value);
  } catch (error) {
    if (isServiceError(error) && error.code === "not_found") throw json({ message: error.message }, { status: 404 });
    if (isInvalidInput(error)) {
      const { form, ...fieldErrors } = error.fieldErrors;
      const formErrors = form ?? (Object.keys(fieldErrors).length ? [] : [error.message]);
      return json<FormReply>(
        { intent, result: submission.reply({ fieldErrors, formErrors }) },
        { status: 400 },
      );
    }
    if (isServiceError(error)) {
      return json<FormReply>({ intent, result: submission.reply({ formErrors: [error.message] }) }, { status: error.status });
    }
    throw error;
  }
}

export function readIntent(formData: FormData): string {
  const intent = formData.get("intent");
  return typeof intent === "string" ? intent : "";
}
