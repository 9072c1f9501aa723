import { expect, it } from "vitest";
import { searchPublicRecord, findSimilarMotions, PAGE_SIZE } from "../../server/queries/search";
import { describeEachDatabase } from "../support/databases";
import { createCommissioner, motionInput, responseInput } from "../support/factories";
import { carriedMotion, publishedMotion, useParliament } from "../support/parliament";

const search = (t: { db: any }, q: string, extra: object = {}) =>
  searchPublicRecord(t.db, { q, filters: {}, sort: "relevance", ...extra });

describeEachDatabase("searching the public record", (dialect) => {
  const t = useParliament(dialect);

  it("finds a published motion by a word in its text, with the word highlighted, but never a draft", async () => {
    const scene = await publishedMotion(t, 2, { title: "Open a crisis café on weekends", text: "This parliament calls on the board to fund a crisis café open at weekends." });
    await t.services.motions.raise(scene.proposer, motionInput(scene.bodyId, { title: "A private crisis draft" }));
    const result = await search(t, "crisis");
    expect(result.hits.map((h) => [h.kind, h.motion.number])).toEqual([["motion", scene.number]]);
    expect(result.hits[0].snippet).toContain("\u0002crisis\u0003");
  });

  it("finds responses, actions and (separately) the discussion, but not hidden or deleted posts", async () => {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    await t.services.responses.publish(commissioner, scene.motionId, responseInput("accept", {
      reasons: "We will recruit volunteer befrienders across the borough for everyone waiting.",
      actions: [{ description: "Recruit twenty befrienders", owner: "Community team", dueDate: "2027-01-31" }],
    }));
    const { postId: kept } = await t.services.threads.post(scene.members[0], scene.motionId, { stance: "for", body: "Befrienders changed my life." });
    const { postId: hidden } = await t.services.threads.post(scene.members[1], scene.motionId, { stance: "against", body: "Befrienders are useless and rude." });
    await t.services.threads.hide(scene.chair, { postId: hidden, reason: "Unkind." });
    const result = await search(t, "befrienders");
    expect(result.hits.map((h) => h.kind).sort()).toEqual(["action", "response"]);
    expect(result.discussion.map((d) => d.postId)).toEqual([kept]);
  });

  it("filters by status and pages with a stable cursor", async () => {
    const ids: string[] = [];
    for (let i = 0; i < PAGE_SIZE + 3; i++) ids.push((await publishedMotion(t, 1, { title: `Peer support group number ${i}` })).number);
    const first = await search(t, "peer support");
    expect(first.hits).toHaveLength(PAGE_SIZE);
    expect(first.next).not.toBeNull();
    const second = await search(t, "peer support", { after: first.next });
    expect(second.hits).toHaveLength(3);
    expect(second.next).toBeNull();
    const all = [...first.hits, ...second.hits].map((h) => h.motion.number).sort();
    expect(all).toEqual([...ids].sort());
    const none = await searchPublicRecord(t.db, { q: "peer support", filters: { status: "carried" }, sort: "relevance" });
    expect(none.hits).toEqual([]);
  });

  it("sorts newest and oldest first by when each thing was published, paging without repeats", async () => {
    const numbers: string[] = [];
    for (let i = 0; i < PAGE_SIZE + 2; i++) {
      numbers.push((await publishedMotion(t, 1, { title: `Carers respite number ${i}` })).number);
      t.clock.advance(60_000);
    }
    for (const sort of ["newest", "oldest"] as const) {
      const first = await search(t, "carers respite", { sort });
      const second = await search(t, "carers respite", { sort, after: first.next });
      const order = [...first.hits, ...second.hits].map((h) => h.motion.number);
      expect(order).toEqual(sort === "oldest" ? numbers : [...numbers].reverse());
    }
  });

  it("treats typed operators and quotes as plain words, never as query syntax", async () => {
    await publishedMotion(t, 1, { title: "Fund the crisis line properly" });
    for (const q of ['crisis OR', 'NEAR(crisis', '"crisis', 'crisis*', "-crisis", "crisis:line", "'); drop table motions; --"]) {
      await expect(search(t, q)).resolves.toBeDefined();
    }
    expect((await search(t, '"crisis line"')).hits).toHaveLength(1);
  });

  it("suggests similar motions from a draft title", async () => {
    const scene = await publishedMotion(t, 1, { title: "Ask about pets in every care assessment" });
    const similar = await findSimilarMotions(t.db, "Pets should count in assessments");
    expect(similar.map((s) => s.number)).toContain(scene.number);
  });
});
