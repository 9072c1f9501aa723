import { z } from "zod";
import { choiceOf } from "./text";

export const openBallotSchema = z.object({
  kind: choiceOf(["recorded", "secret"], "Choose a recorded or a secret ballot."),
  rule: choiceOf(["simple", "two_thirds"], "Choose a simple or a two-thirds majority."),
  /** wall-clock time in the parliament's time zone, as a datetime-local input gives it */
  closesAt: z
    .string({ required_error: "Choose when voting closes." })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Give the closing date and time, for example 2026-12-01 18:00."),
});

export const voteSchema = z.object({
  choice: choiceOf(["for", "against", "abstain"], "Choose for, against or abstain."),
});

export const choiceLabels = { for: "For", against: "Against", abstain: "Abstain" } as const;
