import { z } from "zod";
import { choiceOf, id, optionalText, requiredText } from "./text";

export const roles = ["member", "commissioner", "chair", "admin"] as const;
export const roleLabels: Record<(typeof roles)[number], string> = {
  member: "Member",
  commissioner: "Commissioner",
  chair: "Chair",
  admin: "Admin",
};

const role = choiceOf([...roles], "Choose member, commissioner, chair or admin.");

const email = z
  .string({ required_error: "Email is required." })
  .trim()
  .toLowerCase()
  .min(1, "Email is required.")
  .max(254, "Email must be 254 characters or fewer.")
  .email("Enter an email address like name@example.org.");

export const signInSchema = z.object({
  email,
  password: z.string({ required_error: "Password is required." }).min(1, "Password is required.").max(200),
  redirectTo: z.string().optional(),
});

export const displayNameSchema = requiredText("Display name", { min: 2, max: 40 }).regex(
  /^[\p{L}\p{N}][\p{L}\p{N} .'_-]*$/u,
  "Use letters, numbers, spaces, dots, apostrophes, hyphens or underscores.",
);

export const signUpSchema = z.object({
  displayName: displayNameSchema,
  email,
  password: z
    .string({ required_error: "Password is required." })
    .min(10, "Choose a password of at least 10 characters.")
    .max(200, "Password must be 200 characters or fewer."),
});

/** A commissioner answers for exactly one body; nobody else belongs to one. */
function bodyMatchesRole(value: { role: string; bodyId?: number }, ctx: z.RefinementCtx) {
  if (value.role === "commissioner" && !value.bodyId) {
    ctx.addIssue({ code: "custom", path: ["bodyId"], message: "Choose the body this commissioner answers for." });
  }
}

export const invitationSchema = z
  .object({
    role,
    bodyId: id("The commissioning body").optional(),
    label: optionalText("Note", { max: 80 }),
    validDays: z
      .number({ invalid_type_error: "Days valid must be a number." })
      .int()
      .min(1, "An invitation is valid for at least 1 day.")
      .max(30, "An invitation is valid for at most 30 days.")
      .default(14),
  })
  .superRefine(bodyMatchesRole);

export const changeRoleSchema = z
  .object({ userId: requiredText("The person", { max: 100 }), role, bodyId: id("The commissioning body").optional() })
  .superRefine(bodyMatchesRole);

export const userIdSchema = z.object({ userId: requiredText("The person", { max: 100 }) });
