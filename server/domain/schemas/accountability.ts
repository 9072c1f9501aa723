import { z } from "zod";
import { epochToZonedLocal } from "../time";
import { choiceOf, id, optionalText, requiredText } from "./text";

/** A calendar date that exists: 2027-02-30 is refused here, beside its field, not later in the service. */
function isRealDate(value: string): boolean {
  // A value of the wrong shape already has its message from the pattern check.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return true;
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const date = (label: string) =>
  z
    .string({ required_error: `${label} is required.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Give ${label.toLowerCase()} as a date, for example 2027-03-31.`)
    .refine(isRealDate, "That is not a real date.");

export const MAX_ACTIONS = 10;

/** The parliament's calendar date at `epoch`, written as a date field writes it ("2026-11-26"). */
export function calendarDate(epoch: number, timeZone: string): string {
  return epochToZonedLocal(epoch, timeZone).slice(0, 10);
}

const DUE_DATE_IN_PAST = "The due date must be today or later.";

/**
 * A promise due before it is made would reach the public record already overdue. `today` is the
 * parliament's calendar date ("2026-11-26"): the service takes it from its clock, the form from
 * the page's loader. Without it (a schema read on its own) no date is too early.
 */
function dueDate(today: string | undefined) {
  return date("The due date").refine(
    // A malformed or impossible date already has its own message.
    (value) => today === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !isRealDate(value) || value >= today,
    DUE_DATE_IN_PAST,
  );
}

function actionSchemaFor(today: string | undefined) {
  return z.object({
    description: requiredText("What will be done", { min: 5, max: 500 }),
    owner: requiredText("Who is responsible", { min: 2, max: 120 }),
    dueDate: dueDate(today),
  });
}

export const actionSchema = actionSchemaFor(undefined);

type ActionRow = z.output<typeof actionSchema>;

/**
 * Blank rows (a form offers a few spare ones) are not actions. They become null rather than
 * being removed, so an error in the row after a blank one still names the row the person typed in.
 */
function markBlankRows(value: unknown) {
  if (!Array.isArray(value)) return value;
  return Array.from(value, (row) =>
    row && typeof row === "object" && Object.values(row as Record<string, unknown>).some((v) => typeof v === "string" && v.trim() !== "")
      ? row
      : null,
  );
}

function responseFieldsFor(today: string | undefined) {
  return z.object({
    position: choiceOf(["accept", "accept_in_part", "decline"], "Choose accept, accept in part or decline."),
    reasons: requiredText("Reasons", { min: 20, max: 10000 }),
    summary: requiredText("Plain-language summary", { min: 10, max: 500 }),
    actions: z.preprocess(
      markBlankRows,
      z
        // The date check sits on each row before blanks are dropped, so its message lands on the row typed in.
        .array(actionSchemaFor(today).nullable())
        .default([])
        .transform((rows) => rows.filter((row): row is ActionRow => row !== null))
        .refine((rows) => rows.length <= MAX_ACTIONS, `A response can list at most ${MAX_ACTIONS} actions.`),
    ),
  });
}

function acceptingNeedsActions(value: { position: string; actions: ActionRow[] }, ctx: z.RefinementCtx) {
  if (value.position !== "decline" && value.actions.length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["actions"],
      message: "Accepting (even in part) means saying what will be done: add at least one action.",
    });
  }
}

/** A response whose actions must fall due on `today` or later (see `dueDate`). */
export function responseSchemaFor(today: string | undefined) {
  return responseFieldsFor(today).superRefine(acceptingNeedsActions);
}

export const responseSchema = responseSchemaFor(undefined);

export const holdingReplySchema = z.object({
  reason: requiredText("Why the response is late", { min: 20, max: 2000 }),
  expectedDate: date("The expected date"),
});

export const actionUpdateSchema = z.object({
  actionId: id("The action"),
  status: choiceOf(["planned", "in_progress", "done", "dropped"], "Choose planned, in progress, done or dropped."),
  progress: z
    .number({ required_error: "Progress is required.", invalid_type_error: "Progress must be a number from 0 to 100." })
    .int("Progress must be a whole number.")
    .min(0, "Progress must be a number from 0 to 100.")
    .max(100, "Progress must be a number from 0 to 100."),
  note: requiredText("What happened", { min: 5, max: 2000 }),
  dropReason: optionalText("Why it was dropped", { max: 1000 }),
});

export const closeRecordSchema = z.object({
  reason: requiredText("A reason for closing", { min: 10, max: 1000 }),
});

export const verdictBallotSchema = z.object({
  closesAt: z
    .string({ required_error: "Choose when voting closes." })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Give the closing date and time, for example 2026-12-01 18:00."),
});

export const bodySchema = z.object({
  name: requiredText("Name", { min: 3, max: 120 }),
  description: optionalText("Description", { max: 2000 }),
  responsePeriodDays: z
    .number({ invalid_type_error: "The response period must be a number of days." })
    .int("The response period must be a whole number of days.")
    .min(7, "The response period is at least 7 days.")
    .max(365, "The response period is at most 365 days.")
    .default(56),
  contact: optionalText("Public contact line", { max: 300 }),
});
