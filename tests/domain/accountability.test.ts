import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  DUE_SOON_DAYS,
  allActionsSettled,
  checkActionUpdate,
  daysBetween,
  isActionOpen,
  isActionOverdue,
  isDueSoon,
  median,
} from "../../server/domain/accountability";
import { InvalidInput } from "../../server/domain/errors";
import {
  MAX_ACTIONS,
  actionUpdateSchema,
  bodySchema,
  closeRecordSchema,
  holdingReplySchema,
  responseSchema,
  verdictBallotSchema,
} from "../../server/domain/schemas/accountability";
import { DAY_MS, HOUR_MS } from "../../server/domain/time";

/** The messages a form would show, field by field (the same keys the service reports). */
function errorsOf(schema: z.ZodTypeAny, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[issue.path.join(".") || "form"] ??= []).push(issue.message);
  return errors;
}

const now = Date.UTC(2026, 2, 2, 10, 0);
const action = { description: "Add a question about pets to the form", owner: "Assessment team", dueDate: "2027-06-30" };
const blank = { description: "", owner: " ", dueDate: "" };
const answer = {
  position: "accept_in_part",
  reasons: "We will add a question about pets to the assessment form from June.",
  summary: "Pets will be asked about.",
};

describe("when a response falls due", () => {
  it("is due soon within the last seven days, up to and including the due instant", () => {
    const due = now + 10 * DAY_MS;
    expect(DUE_SOON_DAYS).toBe(7);
    expect(isDueSoon(due, due - 8 * DAY_MS)).toBe(false);
    expect(isDueSoon(due, due - 7 * DAY_MS - 1)).toBe(false);
    expect(isDueSoon(due, due - 7 * DAY_MS)).toBe(true);
    expect(isDueSoon(due, due - HOUR_MS)).toBe(true);
    expect(isDueSoon(due, due)).toBe(true);
  });

  it("is no longer 'due soon' once it is overdue", () => {
    const due = now;
    expect(isDueSoon(due, due + 1)).toBe(false);
  });
});

describe("actions and their progress", () => {
  it("an action is open while planned or in progress", () => {
    expect(isActionOpen("planned")).toBe(true);
    expect(isActionOpen("in_progress")).toBe(true);
    expect(isActionOpen("done")).toBe(false);
    expect(isActionOpen("dropped")).toBe(false);
  });

  it("an open action past its due date is overdue; a settled one never is", () => {
    const due = now;
    expect(isActionOverdue({ status: "planned", due_at: due }, due)).toBe(false);
    expect(isActionOverdue({ status: "planned", due_at: due }, due + 1)).toBe(true);
    expect(isActionOverdue({ status: "in_progress", due_at: due }, due + DAY_MS)).toBe(true);
    expect(isActionOverdue({ status: "done", due_at: due }, due + DAY_MS)).toBe(false);
    expect(isActionOverdue({ status: "dropped", due_at: due }, due + DAY_MS)).toBe(false);
  });

  it("the record settles only when there are actions and every one is done or dropped", () => {
    expect(allActionsSettled([])).toBe(false);
    expect(allActionsSettled([{ status: "done" }, { status: "dropped" }])).toBe(true);
    expect(allActionsSettled([{ status: "done" }, { status: "in_progress" }])).toBe(false);
    expect(allActionsSettled([{ status: "planned" }])).toBe(false);
  });

  it("done means 100%, whatever percentage was typed", () => {
    expect(checkActionUpdate({ status: "done", progress: 30 })).toBe(100);
  });

  it("in progress keeps its percentage but cannot be 100%", () => {
    expect(checkActionUpdate({ status: "in_progress", progress: 40 })).toBe(40);
    const error = (() => {
      try {
        checkActionUpdate({ status: "in_progress", progress: 100 });
      } catch (e) {
        return e as InvalidInput;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error?.fieldErrors).toEqual({ progress: ["An action at 100% is done: choose Done, or a lower percentage."] });
  });

  it("a planned action has not started", () => {
    expect(checkActionUpdate({ status: "planned", progress: 0 })).toBe(0);
    expect(() => checkActionUpdate({ status: "planned", progress: 10 })).toThrow("A planned action has not started");
  });

  it("a dropped action says why", () => {
    expect(() => checkActionUpdate({ status: "dropped", progress: 20 })).toThrow("Say why the action was dropped.");
    expect(() => checkActionUpdate({ status: "dropped", progress: 20, dropReason: "   " })).toThrow(InvalidInput);
    expect(checkActionUpdate({ status: "dropped", progress: 20, dropReason: "The service was decommissioned." })).toBe(20);
  });
});

describe("the figures on a body's record", () => {
  it("the median is the middle value, or the mean of the two middle ones", () => {
    expect(median([])).toBeNull();
    expect(median([9])).toBe(9);
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
  });

  it("days to respond are whole days, rounded up, never negative", () => {
    expect(daysBetween(now, now)).toBe(0);
    expect(daysBetween(now, now + HOUR_MS)).toBe(1);
    expect(daysBetween(now, now + 3 * DAY_MS)).toBe(3);
    expect(daysBetween(now, now + 3 * DAY_MS + 1)).toBe(4);
    expect(daysBetween(now, now - DAY_MS)).toBe(0);
  });
});

describe("the response form", () => {
  it("accepting, even in part, means saying what will be done", () => {
    for (const position of ["accept", "accept_in_part"]) {
      expect(errorsOf(responseSchema, { ...answer, position, actions: [] })).toEqual({
        actions: ["Accepting (even in part) means saying what will be done: add at least one action."],
      });
    }
    expect(errorsOf(responseSchema, { ...answer, position: "accept" })).toHaveProperty("actions");
  });

  it("declining may promise nothing", () => {
    expect(responseSchema.parse({ ...answer, position: "decline" }).actions).toEqual([]);
  });

  it("blank action rows are spare rows, not actions", () => {
    const parsed = responseSchema.parse({ ...answer, actions: [blank, action, {}, undefined, blank] });
    expect(parsed.actions).toEqual([action]);
    expect(errorsOf(responseSchema, { ...answer, actions: [blank, blank] })).toEqual({
      actions: ["Accepting (even in part) means saying what will be done: add at least one action."],
    });
  });

  it("an error names the row the person typed in, even after a blank row", () => {
    const errors = errorsOf(responseSchema, {
      ...answer,
      actions: [blank, { description: "Train assessors", dueDate: "30/06/2027" }],
    });
    expect(errors).toEqual({
      "actions.1.owner": ["Who is responsible is required."],
      "actions.1.dueDate": ["Give the due date as a date, for example 2027-03-31."],
    });
  });

  it("a due date must be a real day of the calendar", () => {
    expect(errorsOf(responseSchema, { ...answer, actions: [{ ...action, dueDate: "2027-02-30" }] })).toEqual({
      "actions.0.dueDate": ["That is not a real date."],
    });
    expect(errorsOf(responseSchema, { ...answer, actions: [{ ...action, dueDate: "2028-02-29" }] })).toEqual({});
  });

  it(`lists at most ${MAX_ACTIONS} actions; spare blank rows do not count towards that`, () => {
    const many = Array.from({ length: MAX_ACTIONS + 1 }, () => action);
    expect(errorsOf(responseSchema, { ...answer, actions: many })).toEqual({ actions: [`A response can list at most ${MAX_ACTIONS} actions.`] });
    const withSpares = [...Array.from({ length: MAX_ACTIONS }, () => action), blank, blank];
    expect(responseSchema.parse({ ...answer, actions: withSpares }).actions).toHaveLength(MAX_ACTIONS);
  });

  it("asks for a plain summary and reasons", () => {
    expect(errorsOf(responseSchema, { position: "decline" })).toEqual({
      reasons: ["Reasons is required."],
      summary: ["Plain-language summary is required."],
    });
  });
});

describe("the other accountability forms", () => {
  it("a holding reply says why, and by when", () => {
    expect(errorsOf(holdingReplySchema, { reason: "Soon.", expectedDate: "next week" })).toEqual({
      reason: ["Why the response is late needs at least 20 characters."],
      expectedDate: ["Give the expected date as a date, for example 2027-03-31."],
    });
    expect(errorsOf(holdingReplySchema, { reason: "We are waiting for the finance committee.", expectedDate: "2026-04-31" })).toEqual({
      expectedDate: ["That is not a real date."],
    });
  });

  it("a progress update has a status, a whole percentage and a note", () => {
    expect(errorsOf(actionUpdateSchema, { actionId: 1, status: "finished", progress: 120, note: "ok" })).toEqual({
      status: ["Choose planned, in progress, done or dropped."],
      progress: ["Progress must be a number from 0 to 100."],
      note: ["What happened needs at least 5 characters."],
    });
    expect(errorsOf(actionUpdateSchema, { actionId: 1, status: "in_progress", progress: 12.5, note: "Halfway there." })).toEqual({
      progress: ["Progress must be a whole number."],
    });
    expect(actionUpdateSchema.parse({ actionId: 1, status: "in_progress", progress: 40, note: "Halfway there." }).dropReason).toBe("");
  });

  it("closing a record needs a reason", () => {
    expect(errorsOf(closeRecordSchema, { reason: "Done." })).toEqual({ reason: ["A reason for closing needs at least 10 characters."] });
  });

  it("a verdict ballot needs a closing date and time", () => {
    expect(errorsOf(verdictBallotSchema, { closesAt: "tomorrow" })).toEqual({
      closesAt: ["Give the closing date and time, for example 2026-12-01 18:00."],
    });
  });

  it("a body answers within eight weeks unless told otherwise, between a week and a year", () => {
    expect(bodySchema.parse({ name: "Riverside ICB" })).toEqual({ name: "Riverside ICB", description: "", responsePeriodDays: 56, contact: "" });
    expect(errorsOf(bodySchema, { name: "Riverside ICB", responsePeriodDays: 6 })).toEqual({
      responsePeriodDays: ["The response period is at least 7 days."],
    });
    expect(errorsOf(bodySchema, { name: "Riverside ICB", responsePeriodDays: 366 })).toEqual({
      responsePeriodDays: ["The response period is at most 365 days."],
    });
  });
});
