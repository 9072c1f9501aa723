import { z } from "zod";
import { choiceOf, optionalText, requiredText } from "./text";

export const positionLabels = {
  accept: "Accept",
  accept_in_part: "Accept in part",
  decline: "Decline",
} as const;

export const responseSchema = z.object({
  position: choiceOf(["accept", "accept_in_part", "decline"], "Choose accept, accept in part or decline."),
  reasons: requiredText("Reasons", { min: 20, max: 10000 }),
  summary: optionalText("Plain-language summary", { max: 500 }),
});
