import { z } from "zod";
import { choiceOf, id, requiredText } from "./text";

export const stances = ["for", "against", "neutral", "question"] as const;
export const stanceLabels: Record<(typeof stances)[number], string> = {
  for: "For",
  against: "Against",
  neutral: "Neutral",
  question: "Question",
};

const stance = choiceOf([...stances], "Choose where you stand: for, against, neutral, or asking a question.");
const body = requiredText("Your post", { min: 2, max: 5000 });

export const postSchema = z.object({
  stance,
  body,
  parentId: id("The post you are replying to").optional(),
});

export const editPostSchema = z.object({ postId: id("The post"), stance, body });
export const postIdSchema = z.object({ postId: id("The post") });
/** Its own messages: the label is a question, and "What is wrong with this post is required" is not a sentence. */
const reportReason = z
  .string({ required_error: "Say what is wrong with this post.", invalid_type_error: "Say what is wrong with this post, in words." })
  .trim()
  .min(1, "Say what is wrong with this post.")
  // An empty reason already has its message above.
  .refine((value) => value.length === 0 || value.length >= 3, "Say a little more about what is wrong: at least 3 characters.")
  .refine((value) => value.length <= 500, "Keep it to 500 characters or fewer.");

export const reportPostSchema = z.object({
  postId: id("The post"),
  reason: reportReason,
});
export const restorePostSchema = z.object({
  postId: id("The post"),
  reason: requiredText("A reason for putting it back", { min: 3, max: 300 }),
});
export const hidePostSchema = z.object({
  postId: id("The post"),
  reason: requiredText("A reason for hiding", { min: 3, max: 300 }),
});
