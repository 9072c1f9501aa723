import { expect, it } from "vitest";
import { BrowserLikeClient, textOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { createBody, createMember, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

describeEachDatabase("changing drafts and published motions over HTTP", (dialect) => {
  const holder = useTestServer(dialect);

  async function signedIn() {
    const db = holder.server.database.db;
    const member = await createMember(db);
    const client = new BrowserLikeClient(holder.server.url);
    await client.signIn(member.email, member.password);
    return { member, client };
  }

  async function scene() {
    const db = holder.server.database.db;
    const body = await createBody(db);
    const proposer = await signedIn();
    return { db, body, ...proposer };
  }

  const motionRow = (id: number) =>
    holder.server.database.db.selectFrom("motions").selectAll().where("id", "=", id).executeTakeFirst();

  it("someone else's draft is a 404, to read and to post to", async () => {
    const { body, member } = await scene();
    const { id } = await holder.server.services.motions.raise(member, motionInput(body.id));
    const other = await signedIn();
    const page = await other.client.get(`/drafts/${id}`);
    expect(page.status).toBe(404);
    expect(textOf(page.html)).not.toContain("circle of support");
    const discard = await other.client.post(`/drafts/${id}`, { intent: "discard" });
    expect(discard.status).toBe(404);
    expect(await motionRow(id)).toBeDefined();
    expect((await other.client.get("/drafts/not-a-number")).status).toBe(404);
    expect((await other.client.get("/drafts/999999")).status).toBe(404);
  });

  it("discarding asks for confirmation, then removes the draft", async () => {
    const { body, member, client } = await scene();
    const { id } = await holder.server.services.motions.raise(member, motionInput(body.id));
    const page = await client.get(`/drafts/${id}`);
    expect(page.html).toMatch(/<details>\s*<summary>I want to discard this draft<\/summary>[^]*Yes, discard this draft/);

    const discarded = await client.post(`/drafts/${id}`, { intent: "discard" });
    expect(discarded.status).toBe(302);
    expect(discarded.location).toBe("/my-motions");
    expect(await motionRow(id)).toBeUndefined();
    const mine = textOf((await client.follow(discarded)).html);
    expect(mine).toContain("Your draft was discarded.");
    expect(mine).toContain("You have no drafts.");
  });

  it("a bad edit to a draft gives a 400 and changes nothing", async () => {
    const { body, member, client } = await scene();
    const { id } = await holder.server.services.motions.raise(member, motionInput(body.id));
    const response = await client.post(`/drafts/${id}`, { ...motionInput(body.id, { rationale: "Short" }), intent: "save" });
    expect(response.status).toBe(400);
    expect(textOf(response.html)).toContain("Why this matters needs at least 20 characters.");
    expect(textOf(response.html)).toContain("Short");
    expect((await motionRow(id))?.rationale).toBe(motionInput(body.id).rationale);
  });

  it("editing an open motion nobody has seconded keeps each version", async () => {
    const { body, member, client, db } = await scene();
    const { id, number } = await holder.server.services.motions.raise(member, motionInput(body.id), { publish: true });
    const form = await client.get(`/motions/${number}/edit`);
    expect(form.status).toBe(200);
    expect(textOf(form.html)).toContain(`Edit motion ${number}`);
    expect(textOf(form.html)).toContain("Your changes become version 2");

    const newText = "This parliament calls on the commissioners to ask about pets and other companions in every assessment.";
    const saved = await client.post(`/motions/${number}/edit`, { ...motionInput(body.id, { text: newText }) });
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`/motions/${number}`);
    expect(await motionRow(id)).toMatchObject({ text: newText, version: 2, status: "open" });
    const versions = await db.selectFrom("motion_versions").select(["version", "text"]).where("motion_id", "=", id).orderBy("version").execute();
    expect(versions).toEqual([
      { version: 1, text: motionInput(body.id).text },
      { version: 2, text: newText },
    ]);
  });

  it("once a member has seconded, editing is refused with a clear message and the text stays", async () => {
    const { body, member, client } = await scene();
    const { id, number } = await holder.server.services.motions.raise(member, motionInput(body.id), { publish: true });
    const seconder = await createMember(holder.server.database.db);
    await holder.server.services.motions.second(seconder, id);

    const page = await client.get(`/motions/${number}/edit`);
    expect(page.status).toBe(409);
    const text = textOf(page.html);
    expect(text).toContain("This motion can no longer be edited");
    expect(text).toContain("Members have seconded this motion, so its text can no longer change");
    expect(page.html).not.toContain('name="title"');

    const post = await client.post(`/motions/${number}/edit`, { ...motionInput(body.id, { text: "This parliament calls on everyone to change the words." }) });
    expect(post.status).toBe(409);
    expect(textOf(post.html)).toContain("Members have seconded this motion, so its text can no longer change");
    expect(await motionRow(id)).toMatchObject({ text: motionInput(body.id).text, version: 1 });
  });

  it("only the proposer may edit a published motion", async () => {
    const { body, member } = await scene();
    const { id, number } = await holder.server.services.motions.raise(member, motionInput(body.id), { publish: true });
    const other = await signedIn();
    expect((await other.client.get(`/motions/${number}/edit`)).status).toBe(403);
    const post = await other.client.post(`/motions/${number}/edit`, { ...motionInput(body.id, { title: "Taken over by someone else" }) });
    expect(post.status).toBe(403);
    expect((await motionRow(id))?.title).toBe(motionInput(body.id).title);
    expect((await other.client.get("/motions/M-1999-999/edit")).status).toBe(404);
  });
});
