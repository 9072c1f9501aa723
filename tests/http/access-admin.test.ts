import { expect, it } from "vitest";
import { BrowserLikeClient, textOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createBody, createChair, createMember, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

describeEachDatabase("admin and moderation screens over HTTP", (dialect) => {
  const holder = useTestServer(dialect);
  const db = () => holder.server.database.db;

  async function signedIn(person: { email: string; password: string }) {
    const client = new BrowserLikeClient(holder.server.url);
    const response = await client.signIn(person.email, person.password);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("parliament_session="))!.split(";")[0];
    return { client, cookie };
  }
  const roleOf = async (userId: string) =>
    (await db().selectFrom("users").select("role").where("id", "=", userId).executeTakeFirstOrThrow()).role;

  it("/admin/people is 403 with a plain message for a member, and sends signed-out visitors to sign in", async () => {
    const { client } = await signedIn(await createMember(db()));
    const forbidden = await client.get("/admin/people");
    expect(forbidden.status).toBe(403);
    expect(textOf(forbidden.html)).toContain("This page is for admins only.");
    expect(forbidden.html).not.toContain("@test.example");

    const anonymous = await new BrowserLikeClient(holder.server.url).get("/admin/people");
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/login?redirectTo=%2Fadmin%2Fpeople");
  });

  it("an admin sees everyone with their email, changes a role through the form, and the audit log records it", async () => {
    const admin = await createAdmin(db());
    const member = await createMember(db(), { displayName: "Juniper" });
    const { client } = await signedIn(admin);
    const page = await client.get("/admin/people");
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain(`Juniper Active Member · ${member.email}`);

    const response = await client.post("/admin/people", { intent: "role", userId: member.id, role: "chair", bodyId: "" });
    expect(response.status).toBe(302);
    expect(textOf((await client.follow(response)).html)).toContain("Juniper's role is now Chair.");
    expect(await roleOf(member.id)).toBe("chair");
    const entries = await db().selectFrom("audit_log").selectAll().where("subject_id", "=", member.id).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ type: "user.role_changed", actor_id: admin.id });
    expect(entries[0].payload).not.toContain("Juniper");

    // The service refuses an admin's change to their own role, and the page says why.
    const own = await client.post("/admin/people", { intent: "role", userId: admin.id, role: "member" });
    expect(own.status).toBe(403);
    expect(textOf(own.html)).toContain("You cannot change your own role. Ask another admin to do it.");
    expect(await roleOf(admin.id)).toBe("admin");
  });

  it("an admin suspends someone after confirming, which signs them out", async () => {
    const admin = await createAdmin(db());
    const member = await createMember(db(), { displayName: "Rowan" });
    const { client } = await signedIn(admin);
    const memberSession = await signedIn(member);
    const page = await client.get("/admin/people");
    expect(textOf(page.html)).toContain("Yes, suspend Rowan");

    const response = await client.post("/admin/people", { intent: "suspend", userId: member.id });
    expect(response.status).toBe(302);
    expect(textOf((await client.follow(response)).html)).toContain("Rowan is suspended and has been signed out.");
    expect((await memberSession.client.get("/")).html).not.toContain("Signed in as");
    const again = await new BrowserLikeClient(holder.server.url).post("/login", { email: member.email, password: member.password });
    expect(again.status).toBe(400);
    expect(textOf(again.html)).toContain("This account is suspended");
  });

  it("an admin withdraws a waiting invitation after confirming, and its link stops working", async () => {
    const admin = await createAdmin(db());
    const { id, token } = await holder.server.services.people.invite(admin, { role: "member", label: "Library drop-in" });
    const { client } = await signedIn(admin);
    expect(textOf((await client.get("/admin/invitations")).html)).toContain("Yes, withdraw it");

    const response = await client.post("/admin/invitations", { intent: "withdraw", invitationId: id });
    expect(response.status).toBe(302);
    expect(textOf((await client.follow(response)).html)).toMatch(/The invitation is withdrawn\..*Library drop-in [^<]*? Withdrawn/);
    const link = await new BrowserLikeClient(holder.server.url).get(`/join/${token}`);
    expect(link.status).toBe(409);
    expect(textOf(link.html)).toContain("This invitation was withdrawn. Ask an admin for a new one.");
  });

  it("a POST without an Origin header, or from another site, is refused with 403 and changes nothing", async () => {
    const admin = await createAdmin(db());
    const member = await createMember(db());
    const { client, cookie } = await signedIn(admin);
    const form = { intent: "role", userId: member.id, role: "admin" };

    const crossSite = await client.post("/admin/people", form, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(textOf(crossSite.html)).toContain("nothing was changed");

    const noOrigin = await fetch(new URL("/admin/people", holder.server.url), {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
    expect(noOrigin.status).toBe(403);

    expect(await roleOf(member.id)).toBe("member");
    expect(await db().selectFrom("audit_log").selectAll().where("subject_id", "=", member.id).execute()).toEqual([]);
  });

  it("the chair hides a reported post from /moderation, and the motion page shows the reason instead", async () => {
    const { services } = holder.server;
    const body = await createBody(db());
    const [author, reporter] = [await createMember(db(), { displayName: "Linnet" }), await createMember(db(), { displayName: "Sorrel" })];
    const chair = await createChair(db());
    const { id: motionId, number } = await services.motions.raise(author, motionInput(body.id), { publish: true });
    const { postId } = await services.threads.post(author, motionId, { stance: "against", body: "Something unkind about a named nurse." });
    await services.threads.report(reporter, { postId, reason: "It names a nurse." });

    const { client } = await signedIn(chair);
    const queue = await client.get("/moderation");
    expect(queue.status).toBe(200);
    const text = textOf(queue.html);
    expect(text).toContain(`Post by Linnet on ${number}`);
    expect(text).toContain("Something unkind about a named nurse.");
    expect(text).toContain("“It names a nurse.” — Sorrel");

    const noReason = await client.post("/moderation", { intent: "hide", postId, reason: "" });
    expect(noReason.status).toBe(400);
    expect(textOf(noReason.html)).toContain("A reason for hiding is required.");

    const hidden = await client.post("/moderation", { intent: "hide", postId, reason: "Hidden because it named a member of staff." });
    expect(hidden.status).toBe(302);
    const after = textOf((await client.follow(hidden)).html);
    expect(after).toContain("The post is hidden.");
    expect(after).toContain("No reports waiting");
    const post = await db().selectFrom("posts").select(["hidden_by", "hidden_reason"]).where("id", "=", postId).executeTakeFirstOrThrow();
    expect(post).toEqual({ hidden_by: chair.id, hidden_reason: "Hidden because it named a member of staff." });

    const motionPage = await new BrowserLikeClient(holder.server.url).get(`/motions/${number}`);
    expect(textOf(motionPage.html)).toContain("Hidden because it named a member of staff.");
    expect(motionPage.html).not.toContain("Something unkind about a named nurse.");
  });

  it("the chair can keep a reported post, which clears its reports", async () => {
    const { services } = holder.server;
    const body = await createBody(db());
    const [author, reporter] = [await createMember(db()), await createMember(db())];
    const chair = await createChair(db());
    const { id: motionId } = await services.motions.raise(author, motionInput(body.id), { publish: true });
    const { postId } = await services.threads.post(author, motionId, { stance: "for", body: "I disagree strongly, and that is fine." });
    await services.threads.report(reporter, { postId, reason: "I do not like it." });

    const { client } = await signedIn(chair);
    const kept = await client.post("/moderation", { intent: "dismiss", postId });
    expect(kept.status).toBe(302);
    expect(textOf((await client.follow(kept)).html)).toContain("The reports are dismissed and the post stays up.");
    const post = await db().selectFrom("posts").select("hidden_at").where("id", "=", postId).executeTakeFirstOrThrow();
    expect(post.hidden_at).toBeNull();
    const open = await db().selectFrom("post_reports").select("id").where("post_id", "=", postId).where("resolved_at", "is", null).execute();
    expect(open).toEqual([]);
  });

  it("a member gets 403 on /moderation and cannot hide posts by posting to it", async () => {
    const { client } = await signedIn(await createMember(db()));
    const page = await client.get("/moderation");
    expect(page.status).toBe(403);
    expect(textOf(page.html)).toContain("This page is for the chair only.");
    expect((await client.post("/moderation", { intent: "hide", postId: 1, reason: "Because I can." })).status).toBe(403);
  });
});
