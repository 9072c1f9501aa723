import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { invitationSchema, signUpSchema } from "../../server/domain/schemas/account";
import { openBallotSchema, voteSchema } from "../../server/domain/schemas/ballot";
import { MAX_TOPICS, motionSchema, normaliseTopics, withdrawSchema } from "../../server/domain/schemas/motion";
import { responseSchema } from "../../server/domain/schemas/accountability";
import { hidePostSchema, postSchema, reportPostSchema } from "../../server/domain/schemas/thread";

/** The messages a form would show, field by field. */
function errorsOf(schema: z.ZodTypeAny, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[issue.path.join(".") || "form"] ??= []).push(issue.message);
  return errors;
}

const goodMotion = {
  title: "Count pets in care assessments",
  text: "This parliament calls on the commissioners to include companion animals in care assessments.",
  rationale: "Members told us their pets keep them going; assessments never ask.",
  bodyId: 1,
};

describe("the motion form", () => {
  it("accepts a complete motion, trimming text and filling the optional summary", () => {
    const parsed = motionSchema.parse({ ...goodMotion, title: `  ${goodMotion.title}  ` });
    expect(parsed.title).toBe(goodMotion.title);
    expect(parsed.summary).toBe("");
    expect(parsed.topics).toEqual([]);
  });

  it("says which fields are missing, in plain words", () => {
    expect(errorsOf(motionSchema, {})).toEqual({
      title: ["Title is required."],
      text: ["Motion text is required."],
      rationale: ["Why this matters is required."],
      bodyId: ["The commissioning body is required."],
    });
  });

  it("says when text is too short or too long", () => {
    expect(errorsOf(motionSchema, { ...goodMotion, title: "Pets" })).toEqual({ title: ["Title needs at least 5 characters."] });
    expect(errorsOf(motionSchema, { ...goodMotion, title: "x".repeat(151) })).toEqual({
      title: ["Title must be 150 characters or fewer."],
    });
    expect(errorsOf(motionSchema, { ...goodMotion, summary: "x".repeat(501) })).toEqual({
      summary: ["Plain-language summary must be 500 characters or fewer."],
    });
  });

  it("counts length after trimming, so spaces cannot pad a title", () => {
    expect(errorsOf(motionSchema, { ...goodMotion, title: "  Pets       " })).toEqual({ title: ["Title needs at least 5 characters."] });
  });

  it("says when a value is of the wrong type", () => {
    expect(errorsOf(motionSchema, { ...goodMotion, title: 42 })).toEqual({ title: ["Title must be text."] });
    expect(errorsOf(motionSchema, { ...goodMotion, bodyId: "three" })).toEqual({ bodyId: ["The commissioning body must be a number."] });
    expect(errorsOf(motionSchema, { ...goodMotion, bodyId: 1.5 })).toEqual({ bodyId: ["The commissioning body must be a whole number."] });
    expect(errorsOf(motionSchema, { ...goodMotion, bodyId: -1 })).toEqual({ bodyId: ["The commissioning body must be a whole number."] });
  });

  it(`allows at most ${MAX_TOPICS} topics of 40 characters each`, () => {
    expect(errorsOf(motionSchema, { ...goodMotion, topics: "a, b, c, d, e, f" })).toEqual({ topics: ["Choose at most 5 topics."] });
    expect(errorsOf(motionSchema, { ...goodMotion, topics: "x".repeat(41) })).toEqual({
      topics: ["Each topic must be 40 characters or fewer."],
    });
    expect(motionSchema.parse({ ...goodMotion, topics: "a, b, c, d, e, E, a" }).topics).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("a withdrawal needs a reason of at least ten characters", () => {
    expect(errorsOf(withdrawSchema, {})).toEqual({ reason: ["A reason for withdrawing is required."] });
    expect(errorsOf(withdrawSchema, { reason: "too short" })).toEqual({ reason: ["A reason for withdrawing needs at least 10 characters."] });
    expect(errorsOf(withdrawSchema, { reason: "We found a better way." })).toEqual({});
  });
});

describe("normaliseTopics", () => {
  it("turns a comma list or a list of strings into lower-case, de-duplicated, sorted topics", () => {
    expect(normaliseTopics("Peer support, Carers")).toEqual(["carers", "peer support"]);
    expect(normaliseTopics(["  Peer   Support ", "carers", "CARERS", ""])).toEqual(["carers", "peer support"]);
    expect(normaliseTopics(undefined)).toEqual([]);
    expect(normaliseTopics(" , ,")).toEqual([]);
  });

  it("is idempotent: normalising twice changes nothing", () => {
    for (const input of ["Peer support, Carers", ["B", "a", "a "], "  x  y , X Y", undefined, "", "Ünïcode, ünïcode"]) {
      const once = normaliseTopics(input);
      expect(normaliseTopics(once)).toEqual(once);
      expect(normaliseTopics(once.join(","))).toEqual(once);
    }
  });
});

describe("the ballot forms", () => {
  it("opening a ballot needs a kind, a rule and a closing time", () => {
    expect(errorsOf(openBallotSchema, {})).toEqual({
      kind: ["Choose a recorded or a secret ballot."],
      rule: ["Choose a simple or a two-thirds majority."],
      closesAt: ["Choose when voting closes."],
    });
  });

  it("the closing time must look like a date and time", () => {
    const base = { kind: "secret", rule: "simple" };
    expect(errorsOf(openBallotSchema, { ...base, closesAt: "next week" })).toEqual({
      closesAt: ["Give the closing date and time, for example 2026-12-01 18:00."],
    });
    expect(errorsOf(openBallotSchema, { ...base, closesAt: "2026-12-01T18:00" })).toEqual({});
  });

  it("a vote is for, against or abstain, and nothing else", () => {
    expect(errorsOf(voteSchema, {})).toEqual({ choice: ["Choose for, against or abstain."] });
    expect(errorsOf(voteSchema, { choice: "maybe" })).toEqual({ choice: ["Choose for, against or abstain."] });
    expect(errorsOf(voteSchema, { choice: "abstain" })).toEqual({});
  });
});

describe("the thread forms", () => {
  it("a post needs a stance and at least two characters", () => {
    expect(errorsOf(postSchema, {})).toEqual({
      stance: ["Choose where you stand: for, against, neutral, or asking a question."],
      body: ["Your post is required."],
    });
    expect(errorsOf(postSchema, { stance: "for", body: "x" })).toEqual({ body: ["Your post needs at least 2 characters."] });
    expect(errorsOf(postSchema, { stance: "for", body: "x".repeat(5001) })).toEqual({ body: ["Your post must be 5000 characters or fewer."] });
  });

  it("a reply names a real post id", () => {
    expect(errorsOf(postSchema, { stance: "question", body: "Why?", parentId: 0 })).toEqual({
      parentId: ["The post you are replying to must be a whole number."],
    });
  });

  it("reports and hiding need a reason", () => {
    expect(errorsOf(reportPostSchema, { postId: 1 })).toEqual({ reason: ["Say what is wrong with this post."] });
    expect(errorsOf(reportPostSchema, { postId: 1, reason: "  " })).toEqual({ reason: ["Say what is wrong with this post."] });
    expect(errorsOf(reportPostSchema, { postId: 1, reason: "no" })).toEqual({
      reason: ["Say a little more about what is wrong: at least 3 characters."],
    });
    expect(errorsOf(hidePostSchema, { postId: 1, reason: "no" })).toEqual({ reason: ["A reason for hiding needs at least 3 characters."] });
  });
});

describe("the response form", () => {
  it("needs a position, reasons of at least twenty characters and a plain summary", () => {
    expect(errorsOf(responseSchema, {})).toEqual({
      position: ["Choose accept, accept in part or decline."],
      reasons: ["Reasons is required."],
      summary: ["Plain-language summary is required."],
    });
    expect(errorsOf(responseSchema, { position: "accept", reasons: "Yes." })).toEqual({
      reasons: ["Reasons needs at least 20 characters."],
      summary: ["Plain-language summary is required."],
    });
  });
});

describe("the account forms", () => {
  it("sign-up explains a bad email and a short password", () => {
    expect(errorsOf(signUpSchema, { displayName: "River", email: "river", password: "short" })).toEqual({
      email: ["Enter an email address like name@example.org."],
      password: ["Choose a password of at least 10 characters."],
    });
  });

  it("a commissioner's invitation must name their body", () => {
    expect(errorsOf(invitationSchema, { role: "commissioner" })).toEqual({
      bodyId: ["Choose the body this commissioner answers for."],
    });
    expect(errorsOf(invitationSchema, { role: "member" })).toEqual({});
  });
});
