import { expect, it } from "vitest";
import { BrowserLikeClient, textOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { createBody, createCommissioner, createMember, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

describeEachDatabase("raising a motion over HTTP", (dialect) => {
  const holder = useTestServer(dialect);

  async function signedInMember() {
    const db = holder.server.database.db;
    const body = await createBody(db);
    const member = await createMember(db);
    const client = new BrowserLikeClient(holder.server.url);
    await client.signIn(member.email, member.password);
    return { client, member, body, db };
  }

  const motionsOf = (memberId: string) =>
    holder.server.database.db.selectFrom("motions").selectAll().where("proposer_id", "=", memberId).execute();

  it("a member saves a draft, edits it, then publishes it under a new motion number", async () => {
    const { client, member, body } = await signedInMember();
    const form = await client.get("/motions/new");
    expect(form.status).toBe(200);
    expect(textOf(form.html)).toContain("Start with 'This parliament calls on…'");
    expect(form.html).toContain(`<option value="${body.id}">${body.name}</option>`);

    const saved = await client.post("/motions/new", { ...motionInput(body.id), intent: "draft" });
    expect(saved.status).toBe(302);
    const [draft] = await motionsOf(member.id);
    expect(draft).toMatchObject({ status: "draft", number: null });
    expect(saved.location).toBe(`/drafts/${draft.id}`);

    const draftPage = await client.follow(saved);
    expect(draftPage.status).toBe(200);
    expect(textOf(draftPage.html)).toContain("Your draft is saved.");
    expect(textOf(draftPage.html)).toContain("Only you can see this draft.");
    expect(draftPage.html).toContain('value="care assessments, social networks"');

    const edited = await client.post(`/drafts/${draft.id}`, {
      ...motionInput(body.id, { title: "Ask about companion animals in care assessments" }),
      intent: "save",
    });
    expect(edited.status).toBe(302);
    expect(edited.location).toBe(`/drafts/${draft.id}`);
    expect((await motionsOf(member.id))[0]).toMatchObject({ title: "Ask about companion animals in care assessments", status: "draft" });

    const published = await client.post(`/drafts/${draft.id}`, {
      ...motionInput(body.id, { title: "Ask about companion animals in care assessments" }),
      intent: "publish",
    });
    expect(published.status).toBe(302);
    const year = new Date().getUTCFullYear();
    expect(published.location).toMatch(new RegExp(`^/motions/M-${year}-\\d{3}$`));
    const [motion] = await motionsOf(member.id);
    expect(motion.status).toBe("open");
    expect(published.location).toBe(`/motions/${motion.number}`);

    const motionPage = await client.follow(published);
    expect(motionPage.status).toBe(200);
    expect(textOf(motionPage.html)).toContain("Ask about companion animals in care assessments");
    expect(textOf(motionPage.html)).toContain(`Your motion ${motion.number} is published.`);

    // A published motion is no longer a draft: its old draft address is gone.
    expect((await client.get(`/drafts/${draft.id}`)).status).toBe(404);
    const mine = textOf((await client.get("/my-motions")).html);
    expect(mine).toContain(`${motion.number} Ask about companion animals in care assessments`);
    expect(mine).toContain("You have no drafts.");
  });

  it("a member publishes directly", async () => {
    const { client, member, body } = await signedInMember();
    const response = await client.post("/motions/new", { ...motionInput(body.id, { title: "Publish this straight away" }), intent: "publish" });
    expect(response.status).toBe(302);
    const [motion] = await motionsOf(member.id);
    expect(motion).toMatchObject({ status: "open", title: "Publish this straight away" });
    expect(response.location).toBe(`/motions/${motion.number}`);
    const versions = await holder.server.database.db.selectFrom("motion_versions").select("version").where("motion_id", "=", motion.id).execute();
    expect(versions).toEqual([{ version: 1 }]);
  });

  it("a missing title gives a 400 beside the field, keeps what was typed, and writes nothing", async () => {
    const { client, member, body } = await signedInMember();
    const response = await client.post("/motions/new", { ...motionInput(body.id, { title: "" }), intent: "publish" });
    expect(response.status).toBe(400);
    const text = textOf(response.html);
    expect(text).toContain("Title is required.");
    expect(response.html).toMatch(/<input[^>]*aria-invalid="true"[^>]*name="title"|<input[^>]*name="title"[^>]*aria-invalid="true"/);
    // What the member typed is still there, without JavaScript.
    expect(text).toContain("This parliament calls on the commissioners to include companion animals in care assessments.");
    expect(response.html).toContain(`<option value="${body.id}" selected="">`);
    expect(await motionsOf(member.id)).toEqual([]);
    const all = await holder.server.database.db.selectFrom("motions").select("id").where("title", "=", "").execute();
    expect(all).toEqual([]);
  });

  it("too many topics, no body and text that is too short each get their own message", async () => {
    const { client, member, body } = await signedInMember();
    const response = await client.post("/motions/new", {
      ...motionInput(body.id, { text: "Too short", topics: "one, two, three, four, five, six", bodyId: "" }),
      intent: "draft",
    });
    expect(response.status).toBe(400);
    const text = textOf(response.html);
    expect(text).toContain("Motion text needs at least 20 characters.");
    expect(text).toContain("Choose at most 5 topics.");
    expect(text).toContain("The commissioning body is required.");
    expect(response.html).toContain('value="one, two, three, four, five, six"');
    expect(await motionsOf(member.id)).toEqual([]);
  });

  it("a body that is not on the list is refused beside the field, without a write", async () => {
    const { client, member } = await signedInMember();
    const response = await client.post("/motions/new", { ...motionInput(999_999), intent: "draft" });
    expect(response.status).toBe(400);
    expect(textOf(response.html)).toContain("Choose a commissioning body from the list.");
    expect(await motionsOf(member.id)).toEqual([]);
  });

  it("a commissioner gets the 403 page and a signed-out visitor is sent to sign in", async () => {
    const db = holder.server.database.db;
    const body = await createBody(db);
    const commissioner = await createCommissioner(db, body.id);
    const client = new BrowserLikeClient(holder.server.url);
    await client.signIn(commissioner.email, commissioner.password);
    const page = await client.get("/motions/new");
    expect(page.status).toBe(403);
    expect(textOf(page.html)).toContain("This page is for members only.");
    const post = await client.post("/motions/new", { ...motionInput(body.id), intent: "publish" });
    expect(post.status).toBe(403);
    expect(await motionsOf(commissioner.id)).toEqual([]);

    const visitor = new BrowserLikeClient(holder.server.url);
    const redirect = await visitor.get("/motions/new");
    expect(redirect.status).toBe(302);
    expect(redirect.location).toBe("/login?redirectTo=%2Fmotions%2Fnew");
    expect((await visitor.get("/my-motions")).location).toBe("/login?redirectTo=%2Fmy-motions");
  });
});
