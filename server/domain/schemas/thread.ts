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
export const reportPostSchema = z.object({
  postId: id("The post"),
  reason: requiredText("What is wrong with this post", { min: 3, max: 500 }),
});
export const restorePostSchema = z.object({
  postId: id("The post"),
  reason: requiredText("A reason for putting it back", { min: 3, max: 300 }),
});
export const hidePostSchema = z.object({
  postId: id("The post"),
  reason: requiredText("A reason for hiding", { min: 3, max: 300 }),
});
