import type { z } from "zod";
import { InvalidInput } from "../domain/errors";

/** Parse service input with a shared form schema; bad input becomes InvalidInput with field errors. */
export function validate<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = result.error.issues[0]?.message ?? "Some of the information is not valid.";
  throw new InvalidInput(first, fieldErrors);
}
