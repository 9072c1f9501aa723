// The search engine has shortcuts for a large record (rank the index alone first, try more
// candidates when filters leave too few, start from a sitting's or topic's few motions). Each
// must give exactly the pages the plain query gives; here they are forced on a small record.
import { expect, it } from "vitest";
import { type SearchFilters, type SearchHit, type SearchPlan, searchDiscussion, searchRecord, searchTerms } from "../../db/search";
import { describeEachDatabase } from "../support/databases";
import { createCommissioner, responseInput } from "../support/factories";
import { carriedMotion, publishedMotion, useParliament } from "../support/parliament";

/** No shortcut at all: every match joined to its motion and filtered, then ordered. */
const plain: SearchPlan = { candidates: 0, narrowMotions: 0, maxCandidates: 0 };
const shortcuts: Record<string, SearchPlan> = {
  "few candidates, then more": { candidates: 2, narrowMotions: 0, maxCandidates: 1000 },
  "few candidates, then the plain query": { candidates: 3, narrowMotions: 0, maxCandidates: 4 },
  "from the topic's motions": { candidates: 2, narrowMotions: 50, maxCandidates: 1000 },
};

describeEachDatabase("search plans", (dialect) => {
  const t = useParliament(dialect);

  async function everyPage(q: string, filters: SearchFilters, plan: SearchPlan, sort: "relevance" | "newest" = "relevance") {
    const seen: string[] = [];
    let after: SearchHit | undefined;
    for (let page = 0; page < 50; page++) {
      const hits = await searchRecord(t.db, {
        terms: searchTerms(q),
        filters,
        sort,
        limit: 4,
        after: after && { key: after.key, kind: after.kind, id: after.refId },
        plan,
      });
      seen.push(...hits.map((h) => `${h.kind} ${h.refId}`));
      if (hits.length < 4) return seen;
      after = hits.at(-1);
    }
    throw new Error("more pages than there are matches");
  }

  it("pages through the same matches in the same order whichever plan runs", async () => {
    // Carried first, while every member is one who voted (quorum counts all members).
    const carried = await carriedMotion(t);
    await t.services.responses.publish(await createCommissioner(t.db, carried.bodyId), carried.motionId, responseInput("accept", {
      reasons: "We will fund respite nights for carers across the borough.",
      actions: [{ description: "Book respite nights with two providers", owner: "Carers team", dueDate: "2027-03-31" }],
    }));
    const bodies: number[] = [];
    for (let i = 0; i < 14; i++) {
      // Different word counts give different ranks; every third motion has the topic.
      const scene = await publishedMotion(t, 1, {
        title: `Respite ${"respite ".repeat(i % 4)}for carers, number ${i}`,
        topics: i % 3 === 0 ? "short breaks, carers" : "carers",
      });
      bodies.push(scene.bodyId);
      t.clock.advance(60_000);
    }

    const everything = await everyPage("respite", {}, plain);
    expect(everything).toHaveLength(14 + 2);
    expect(new Set(everything.map((h) => h.split(" ")[0]))).toEqual(new Set(["motion", "response", "action"]));
    const filterings: SearchFilters[] = [{}, { topic: "short breaks" }, { bodyId: bodies[5] }, { status: "carried" }, { topic: "short breaks", bodyId: bodies[3] }];
    for (const filters of filterings) {
      const expected = await everyPage("respite", filters, plain);
      for (const [name, plan] of Object.entries(shortcuts)) {
        expect({ filters, name, pages: await everyPage("respite", filters, plan) }).toEqual({ filters, name, pages: expected });
      }
      expect({ filters, newest: await everyPage("respite", filters, shortcuts["from the topic's motions"], "newest") })
        .toEqual({ filters, newest: await everyPage("respite", filters, plain, "newest") });
    }
    expect(await everyPage("respite", { topic: "short breaks" }, plain)).toHaveLength(5);
    expect(await everyPage("respite", { bodyId: bodies[5] }, plain)).toHaveLength(1);
  });

  it("finds the same discussion from a topic's few motions as from every post", async () => {
    const inTopic = await publishedMotion(t, 2, { title: "Short breaks for young carers", topics: "short breaks" });
    const outside = await publishedMotion(t, 2, { title: "Transport to day centres", topics: "transport" });
    const posted: number[] = [];
    for (const [scene, body] of [
      [inTopic, "Respite saved my family last winter."],
      [outside, "Respite transport is never on time."],
      [inTopic, "We need respite at weekends, not just weekdays."],
      [inTopic, "Nothing to do with the topic word."],
    ] as const) {
      posted.push((await t.services.threads.post(scene.members[0], scene.motionId, { stance: "for", body })).postId);
    }
    const terms = searchTerms("respite");
    const filters = { topic: "short breaks" };
    const narrow = await searchDiscussion(t.db, { terms, filters, limit: 5, plan: { candidates: 2, narrowMotions: 10, maxCandidates: 10 } });
    const everyPost = await searchDiscussion(t.db, { terms, filters, limit: 5, plan: plain });
    expect(narrow.map((p) => p.postId)).toEqual([posted[2], posted[0]]);
    expect(narrow).toEqual(everyPost);
    expect(narrow[0].snippet).toContain("\u0002respite\u0003");
  });
});
