// Field builders with plain-language messages, shared by every form schema.
import { z } from "zod";

export function requiredText(label: string, { min = 1, max }: { min?: number; max: number }) {
  return z
    .string({ required_error: `${label} is required.`, invalid_type_error: `${label} must be text.` })
    .trim()
    .min(min, min <= 1 ? `${label} is required.` : `${label} needs at least ${min} characters.`)
    .max(max, `${label} must be ${max} characters or fewer.`);
}

export function optionalText(label: string, { max }: { max: number }) {
  return z
    .string({ invalid_type_error: `${label} must be text.` })
    .trim()
    .max(max, `${label} must be ${max} characters or fewer.`)
    .optional()
    .transform((value) => value ?? "");
}

export function choiceOf<U extends string, T extends [U, ...U[]]>(values: T, message: string) {
  return z.enum(values, { errorMap: () => ({ message }) });
}

export function id(label: string) {
  return z
    .number({ required_error: `${label} is required.`, invalid_type_error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .positive(`${label} must be a whole number.`)
    // The largest id either database stores: anything bigger is a mistake, not a row.
    .max(2_147_483_647, `${label} is not one we know.`);
}
