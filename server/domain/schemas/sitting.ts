import { z } from "zod";
import { choiceOf, id, optionalText, requiredText } from "./text";

const localDateTime = z
  .string({ required_error: "Choose the date and time." })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Give the date and time, for example 2026-12-01 18:00.");

export const scheduleSittingSchema = z
  .object({
    title: requiredText("Title", { min: 3, max: 120 }),
    startsAt: localDateTime,
    place: optionalText("Place", { max: 200 }),
    onlineLink: optionalText("Online link", { max: 500 }).refine(
      (link) => link === "" || /^https?:\/\/\S+$/.test(link),
      "Give a full web address starting with https://",
    ),
    speakingMinutes: z
      .number({ invalid_type_error: "Speaking time must be a number of minutes." })
      .int("Speaking time must be a whole number of minutes.")
      .min(1, "Speaking time is at least 1 minute.")
      .max(30, "Speaking time is at most 30 minutes.")
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.place && !value.onlineLink) {
      ctx.addIssue({ code: "custom", path: ["place"], message: "Give a place, an online link, or both." });
    }
  });

export const agendaAddSchema = z.object({ motionId: id("The motion") });
export const agendaItemSchema = z.object({ itemId: id("The agenda item") });
export const agendaMoveSchema = z.object({
  itemId: id("The agenda item"),
  direction: choiceOf(["up", "down"], "Choose up or down."),
});

export const speakerRequestSchema = z.object({
  itemId: id("The agenda item"),
  kind: choiceOf(["speech", "question", "point_of_order"], "Choose to speak, to ask a question, or a point of order."),
});
export const speakerIdSchema = z.object({ requestId: id("The request") });

export const liveBallotSchema = z.object({
  itemId: id("The agenda item"),
  kind: choiceOf(["recorded", "secret"], "Choose a recorded or a secret ballot."),
  rule: choiceOf(["simple", "two_thirds"], "Choose a simple or a two-thirds majority."),
});
