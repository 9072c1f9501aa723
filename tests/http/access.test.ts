import { expect, it } from "vitest";
import { BrowserLikeClient, sectionOf, textOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createMember } from "../support/factories";
import { useTestServer } from "../support/server";

const WRONG = "That email and password do not match an account. Check both and try again.";

describeEachDatabase("signing in, signing out and joining over HTTP", (dialect) => {
  const holder = useTestServer(dialect);
  const db = () => holder.server.database.db;
  const browser = () => new BrowserLikeClient(holder.server.url);
  const sessionsOf = (userId: string) => db().selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();

  it("the sign-in form explains membership, then signs in with an HttpOnly, SameSite=Lax session cookie", async () => {
    const member = await createMember(db());
    const client = browser();
    const form = await client.get("/login");
    expect(form.status).toBe(200);
    expect(textOf(form.html)).toContain("Membership is by invitation.");
    expect(form.html).toMatch(/<input[^>]*name="email"[^>]*autoComplete="email"/);
    expect(form.html).toMatch(/<input[^>]*name="password"[^>]*autoComplete="current-password"/);

    const response = await client.post("/login", { email: member.email, password: member.password });
    expect(response.status).toBe(302);
    expect(response.location).toBe("/");
    const sessionCookie = response.headers.getSetCookie().find((c) => c.startsWith("parliament_session="));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect(await sessionsOf(member.id)).toHaveLength(1);

    const home = await client.follow(response);
    expect(textOf(home.html)).toContain(`Welcome back, ${member.displayName}. You are signed in.`);
    expect(textOf(home.html)).toContain(`Signed in as ${member.displayName}`);
    // Someone already signed in has no use for the form.
    expect((await client.get("/login")).location).toBe("/");
  });

  it("an address nothing answers is a 404 page that keeps the reader signed in, titled as what it is", async () => {
    const member = await createMember(db());
    const client = browser();
    await client.signIn(member.email, member.password);
    for (const path of ["/no-such-page", "/motions/M-2026-001/nothing/here"]) {
      const page = await client.get(path);
      expect(page.status).toBe(404);
      expect(textOf(page.html)).toContain(`Signed in as ${member.displayName}`);
      expect(page.html).toContain("<title>We could not find that page · Riverside Mental Health Parliament</title>");
      expect(textOf(page.html)).toContain("There is no page at this address.");
    }
    expect((await client.post("/no-such-page", { anything: "at all" })).status).toBe(404);
    // A page that exists but cannot be shown is titled by what went wrong, not by the page.
    const forbidden = await client.get("/moderation");
    expect(forbidden.status).toBe(403);
    expect(forbidden.html).toContain("<title>You cannot do that · Riverside Mental Health Parliament</title>");
    const missing = await client.get("/motions/M-2026-999");
    expect(missing.status).toBe(404);
    expect(missing.html).toContain("<title>We could not find that page · Riverside Mental Health Parliament</title>");
  });

  it("an admin's navigation reaches people, invitations and bodies; a member's does not", async () => {
    const admin = browser();
    const person = await createAdmin(db());
    await admin.signIn(person.email, person.password);
    const nav = (html: string) => sectionOf(html, "main-nav");
    const adminNav = nav((await admin.get("/")).html);
    for (const href of ["/admin/people", "/admin/invitations", "/admin/bodies"]) expect(adminNav).toContain(`href="${href}"`);
    const member = browser();
    const someone = await createMember(db());
    await member.signIn(someone.email, someone.password);
    expect(nav((await member.get("/")).html)).not.toContain("/admin/");
  });

  it("a wrong password gets 400, one message for both fields, no cookie, and the password is not sent back", async () => {
    const member = await createMember(db());
    const client = browser();
    const response = await client.post("/login", { email: member.email, password: "my secret guess" });
    expect(response.status).toBe(400);
    expect(textOf(response.html)).toContain(WRONG);
    expect(response.html).not.toContain("my secret guess");
    expect(response.html).toContain(`value="${member.email}"`);
    expect(client.hasSession()).toBe(false);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("parliament_session="))).toBe(false);

    const unknown = await client.post("/login", { email: "nobody@example.org", password: member.password });
    expect(unknown.status).toBe(400);
    expect(textOf(unknown.html)).toContain(WRONG);
  });

  it("after five wrong passwords the form asks the person to wait, even when the sixth is right", async () => {
    const member = await createMember(db());
    const client = browser();
    for (let i = 0; i < 5; i++) expect((await client.post("/login", { email: member.email, password: `guess ${i}` })).status).toBe(400);
    const blocked = await client.post("/login", { email: member.email, password: member.password });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(textOf(blocked.html)).toContain("There have been too many attempts to sign in to this account. For safety, please wait 15 minutes");
    expect(client.hasSession()).toBe(false);
  });

  it("redirectTo is followed only for paths on this site", async () => {
    const member = await createMember(db());
    const form = await browser().get("/login?redirectTo=%2F%2Fevil.example");
    expect(form.html).not.toMatch(/name="redirectTo"/);

    for (const target of ["//evil.example", "/\\evil.example", "https://evil.example/", "/\t/evil.example"]) {
      const response = await browser().post("/login", { email: member.email, password: member.password, redirectTo: target });
      expect(response.status).toBe(302);
      expect(response.location).toBe("/");
    }
    const honoured = await browser().post("/login", { email: member.email, password: member.password, redirectTo: "/motions?page=2" });
    expect(honoured.location).toBe("/motions?page=2");
  });

  it("signing out needs a POST: GET only shows a button, POST ends the session and clears the cookie", async () => {
    const member = await createMember(db());
    const client = browser();
    await client.signIn(member.email, member.password);

    const page = await client.get("/logout");
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<form method="post"[^>]*>[\s\S]*Sign out<\/button>/);
    expect(await sessionsOf(member.id)).toHaveLength(1);
    expect(client.hasSession()).toBe(true);

    const response = await client.post("/logout", {});
    expect(response.status).toBe(302);
    expect(response.location).toBe("/");
    expect(client.hasSession()).toBe(false);
    expect(await sessionsOf(member.id)).toEqual([]);
    const home = await client.follow(response);
    expect(textOf(home.html)).toContain("You have signed out.");
    expect(textOf(home.html)).not.toContain("Signed in as");
  });

  it("someone joins through a real invitation link, is signed in at once, and the link then stops working", async () => {
    const admin = await createAdmin(db());
    const adminClient = browser();
    await adminClient.signIn(admin.email, admin.password);
    const created = await adminClient.post("/admin/invitations", { intent: "create", role: "member", label: "Tuesday peer group", validDays: 7 });
    expect(created.status).toBe(200);
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(textOf(created.html)).toContain("It will not be shown again");
    const link = /id="invitation-link"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*id="invitation-link"/.exec(created.html);
    const url = new URL(link![1] ?? link![2]);
    expect(url.origin).toBe(new URL(holder.server.url).origin);
    expect(url.pathname).toMatch(/^\/join\/[A-Za-z0-9_-]{32}$/);
    // Shown once: the list of invitations never carries the token.
    const token = url.pathname.split("/")[2];
    const list = await adminClient.get("/admin/invitations");
    expect(list.html).not.toContain(token);
    expect(textOf(list.html)).toMatch(/Member Tuesday peer group [^<]*? Waiting Withdraw/);

    const newcomer = browser();
    const invitation = await newcomer.get(url.pathname);
    expect(invitation.status).toBe(200);
    expect(textOf(invitation.html)).toMatch(/You have been invited to join as a member ?\./);
    expect(textOf(invitation.html)).toContain("it does not need to be your real name");

    const tooShort = await newcomer.post(url.pathname, { displayName: "Wren", email: "wren@example.org", password: "short" });
    expect(tooShort.status).toBe(400);
    expect(textOf(tooShort.html)).toContain("Choose a password of at least 10 characters.");
    expect(tooShort.html).toContain('value="Wren"');

    const joined = await newcomer.post(url.pathname, { displayName: "Wren", email: "wren@example.org", password: "a long enough password" });
    expect(joined.status).toBe(302);
    expect(joined.location).toBe("/");
    expect(newcomer.hasSession()).toBe(true);
    const home = await newcomer.follow(joined);
    expect(textOf(home.html)).toContain("Welcome to the parliament, Wren. You are signed in.");
    expect(textOf(home.html)).toContain("Signed in as Wren");
    const person = await db().selectFrom("users").select(["id", "role"]).where("email", "=", "wren@example.org").executeTakeFirstOrThrow();
    expect(person.role).toBe("member");
    expect(await db().selectFrom("audit_log").select("type").where("subject_id", "=", person.id).execute()).toEqual([{ type: "user.joined" }]);

    expect(textOf((await adminClient.get("/admin/invitations")).html)).toMatch(/Member Tuesday peer group [^<]*? Used by Wren/);
    const again = await browser().get(url.pathname);
    expect(again.status).toBe(409);
    expect(textOf(again.html)).toContain("This invitation has already been used.");
    expect((await browser().get("/join/not-a-real-token")).status).toBe(404);
  });

  it("a taken display name is a field error on the join form, whatever its case", async () => {
    const admin = await createAdmin(db());
    await createMember(db(), { displayName: "Otter" });
    const { token } = await holder.server.services.people.invite(admin, { role: "member" });
    const response = await browser().post(`/join/${token}`, { displayName: "OTTER", email: "otter2@example.org", password: "a long enough password" });
    expect(response.status).toBe(400);
    expect(textOf(response.html)).toContain("Someone already uses this display name. Please choose another.");
    expect(response.html).not.toContain("a long enough password");
    expect(await db().selectFrom("users").select("id").where("email", "=", "otter2@example.org").execute()).toEqual([]);
  });
});
