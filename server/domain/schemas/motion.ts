import { z } from "zod";
import { id, optionalText, requiredText } from "./text";

export const MAX_TOPICS = 5;

/** "Peer support, Carers" or ["Peer support", "Carers"] -> ["carers", "peer support"]: idempotent. */
export function normaliseTopics(value: string | string[] | undefined): string[] {
  const list = Array.isArray(value) ? value : (value ?? "").split(",");
  const cleaned = list.map((t) => t.trim().toLowerCase().replace(/\s+/g, " ")).filter(Boolean);
  return [...new Set(cleaned)].sort();
}

export const motionSchema = z.object({
  title: requiredText("Title", { min: 5, max: 150 }),
  text: requiredText("Motion text", { min: 20, max: 5000 }),
  rationale: requiredText("Why this matters", { min: 20, max: 5000 }),
  summary: optionalText("Plain-language summary", { max: 500 }),
  topics: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform(normaliseTopics)
    .refine((topics) => topics.length <= MAX_TOPICS, `Choose at most ${MAX_TOPICS} topics.`)
    .refine((topics) => topics.every((t) => t.length <= 40), "Each topic must be 40 characters or fewer."),
  bodyId: id("The commissioning body"),
});
export type MotionInput = z.input<typeof motionSchema>;
export type MotionFields = z.output<typeof motionSchema>;

export const withdrawSchema = z.object({
  reason: requiredText("A reason for withdrawing", { min: 10, max: 1000 }),
});
