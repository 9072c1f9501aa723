import { expect, it } from "vitest";
import { InvalidInput, InvalidState, NotAllowed, NotFound } from "../../server/domain/errors";
import { DAY_MS } from "../../server/domain/time";
import { createAuth } from "../../server/auth/sessions";
import { hashToken } from "../../server/services/people";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createBody, createChair, createCommissioner, createMember } from "../support/factories";
import { useParliament } from "../support/parliament";

const joining = (overrides: Record<string, unknown> = {}) => ({
  displayName: "Heron",
  email: "heron@example.org",
  password: "a long enough password",
  ...overrides,
});

describeEachDatabase("membership: invitations, joining, roles and suspension", (dialect) => {
  const t = useParliament(dialect);

  const userByEmail = (email: string) => t.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
  const auditOf = (type: string) => t.db.selectFrom("audit_log").selectAll().where("type", "=", type).execute();
  const countUsers = async () => (await t.db.selectFrom("users").select("id").execute()).length;

  it("joining by invitation creates the person with the invited role and body, and uses up the invitation", async () => {
    const admin = await createAdmin(t.db);
    const body = await createBody(t.db);
    const { id, token, expiresAt } = await t.services.people.invite(admin, { role: "commissioner", bodyId: body.id, label: "ICB lead" });
    expect(expiresAt).toBe(t.clock.now() + 14 * DAY_MS);
    const stored = await t.db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    // Only a hash of the token is kept: a copy of the database cannot be used to join.
    expect(stored.token_hash).toBe(hashToken(token));
    expect(stored.token_hash).not.toContain(token);
    expect(stored.created_by).toBe(admin.id);

    expect(await t.services.people.describeInvitation(token)).toEqual({ role: "commissioner", bodyName: body.name, expiresAt });

    t.clock.advance(DAY_MS);
    const { userId, displayName } = await t.services.people.join(token, joining({ email: "  Heron@Example.org " }));
    expect(displayName).toBe("Heron");
    const person = await userByEmail("heron@example.org");
    expect(person).toMatchObject({ id: userId, display_name: "Heron", role: "commissioner", body_id: body.id, status: "active" });
    expect(person!.password_hash).toMatch(/^\$argon2id\$/);
    const used = await t.db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(used).toMatchObject({ used_at: t.clock.now(), used_by: userId });

    const [entry] = await auditOf("user.joined");
    expect(entry).toMatchObject({ actor_id: userId, subject_type: "user", subject_id: userId });
    expect(JSON.parse(entry.payload)).toEqual({ invitation_id: id, role: "commissioner", body_id: body.id });
    expect(entry.payload).not.toMatch(/heron/i);
  });

  it("a used, expired or withdrawn invitation is refused with a message that says which", async () => {
    const admin = await createAdmin(t.db);
    const used = await t.services.people.invite(admin, { role: "member" });
    await t.services.people.join(used.token, joining());
    await expect(t.services.people.join(used.token, joining({ displayName: "Second", email: "second@example.org" }))).rejects.toThrow(
      new InvalidState("This invitation has already been used. If it was yours, sign in instead."),
    );

    const expiring = await t.services.people.invite(admin, { role: "member", validDays: 2 });
    t.clock.advance(2 * DAY_MS);
    await expect(t.services.people.describeInvitation(expiring.token)).rejects.toThrow(
      new InvalidState("This invitation has expired. Ask an admin for a new one."),
    );
    await expect(t.services.people.join(expiring.token, joining({ displayName: "Late", email: "late@example.org" }))).rejects.toThrow(
      "This invitation has expired.",
    );

    const withdrawn = await t.services.people.invite(admin, { role: "member" });
    await t.services.people.revokeInvitation(admin, withdrawn.id);
    await expect(t.services.people.join(withdrawn.token, joining({ displayName: "Gone", email: "gone@example.org" }))).rejects.toThrow(
      new InvalidState("This invitation was withdrawn. Ask an admin for a new one."),
    );
    await expect(t.services.people.revokeInvitation(admin, withdrawn.id)).rejects.toThrow(InvalidState);

    await expect(t.services.people.describeInvitation("not-a-real-token")).rejects.toThrow(NotFound);
    expect(await countUsers()).toBe(2); // the admin and the one person who joined
  });

  it("a taken email or display name (in any case) is a field error, and nothing is written", async () => {
    const admin = await createAdmin(t.db);
    await createMember(t.db, { displayName: "Kestrel" });
    const { id, token } = await t.services.people.invite(admin, { role: "member" });
    const before = await countUsers();

    const byName = await t.services.people.join(token, joining({ displayName: "kESTREL" })).catch((e) => e);
    expect(byName).toBeInstanceOf(InvalidInput);
    expect(byName.fieldErrors).toEqual({ displayName: ["Someone already uses this display name. Please choose another."] });

    const byEmail = await t.services.people.join(token, joining({ email: admin.email.toUpperCase() })).catch((e) => e);
    expect(byEmail).toBeInstanceOf(InvalidInput);
    expect(Object.keys(byEmail.fieldErrors)).toEqual(["email"]);

    expect(await countUsers()).toBe(before);
    const invitation = await t.db.selectFrom("invitations").select(["used_at", "used_by"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(invitation).toEqual({ used_at: null, used_by: null });
    expect(await auditOf("user.joined")).toEqual([]);
  });

  it("only admins invite, change roles and suspend; everyone else is refused and nothing changes", async () => {
    const body = await createBody(t.db);
    const target = await createMember(t.db);
    const refused = [await createMember(t.db), await createChair(t.db), await createCommissioner(t.db, body.id), null];
    for (const viewer of refused) {
      await expect(t.services.people.invite(viewer, { role: "admin" })).rejects.toThrow(NotAllowed);
      await expect(t.services.people.changeRole(viewer, { userId: target.id, role: "admin" })).rejects.toThrow(NotAllowed);
      await expect(t.services.people.setSuspended(viewer, { userId: target.id }, true)).rejects.toThrow(NotAllowed);
    }
    await expect(t.services.people.invite(null, { role: "member" })).rejects.toThrow("You need to sign in to invite people.");
    expect(await t.db.selectFrom("invitations").selectAll().execute()).toEqual([]);
    expect(await userByEmail(target.email)).toMatchObject({ role: "member", status: "active" });
    expect(await t.db.selectFrom("audit_log").selectAll().execute()).toEqual([]);
  });

  it("a commissioner needs a body that exists, for invitations and for role changes", async () => {
    const admin = await createAdmin(t.db);
    const target = await createMember(t.db);
    const missing = await t.services.people.invite(admin, { role: "commissioner" }).catch((e) => e);
    expect(missing).toBeInstanceOf(InvalidInput);
    expect(missing.fieldErrors).toEqual({ bodyId: ["Choose the body this commissioner answers for."] });
    await expect(t.services.people.changeRole(admin, { userId: target.id, role: "commissioner" })).rejects.toThrow(InvalidInput);
    await expect(t.services.people.changeRole(admin, { userId: target.id, role: "commissioner", bodyId: 9999 })).rejects.toThrow(InvalidInput);

    const body = await createBody(t.db);
    await t.services.people.changeRole(admin, { userId: target.id, role: "commissioner", bodyId: body.id });
    expect(await userByEmail(target.email)).toMatchObject({ role: "commissioner", body_id: body.id });
    // Leaving the commissioner role leaves the body too.
    await t.services.people.changeRole(admin, { userId: target.id, role: "member", bodyId: body.id });
    expect(await userByEmail(target.email)).toMatchObject({ role: "member", body_id: null });
  });

  it("an admin cannot change their own role or suspend themself", async () => {
    const admin = await createAdmin(t.db);
    await expect(t.services.people.changeRole(admin, { userId: admin.id, role: "member" })).rejects.toThrow(
      new NotAllowed("You cannot change your own role. Ask another admin to do it."),
    );
    await expect(t.services.people.setSuspended(admin, { userId: admin.id }, true)).rejects.toThrow(
      new NotAllowed("You cannot suspend yourself."),
    );
    expect(await userByEmail(admin.email)).toMatchObject({ role: "admin", status: "active" });
  });

  it("each role change, suspension and reinstatement writes exactly one audit entry, with ids only", async () => {
    const admin = await createAdmin(t.db);
    const target = await createMember(t.db, { displayName: "Marigold" });
    // Another chair, so Marigold is not the only one (the only chair cannot be suspended).
    await createChair(t.db);

    const changed = await t.services.people.changeRole(admin, { userId: target.id, role: "chair" });
    expect(changed).toEqual({ displayName: "Marigold", changed: true });
    const unchanged = await t.services.people.changeRole(admin, { userId: target.id, role: "chair" });
    expect(unchanged.changed).toBe(false);
    await t.services.people.setSuspended(admin, { userId: target.id }, true);
    await expect(t.services.people.setSuspended(admin, { userId: target.id }, true)).rejects.toThrow("This person is already suspended.");
    await t.services.people.setSuspended(admin, { userId: target.id }, false);

    const entries = await t.db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
    expect(entries.map((e) => e.type)).toEqual(["user.role_changed", "user.suspended", "user.reinstated"]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ actor_id: admin.id, subject_type: "user", subject_id: target.id });
      expect(entry.payload).not.toMatch(/marigold|@|test\.example/i);
    }
    expect(JSON.parse(entries[0].payload)).toEqual({ from: "member", to: "chair", from_body_id: null, body_id: null });
    expect(await t.services.audit.verify()).toEqual({ ok: true, checked: 3 });
  });

  it("suspension ends the person's sessions and stops them signing in; reinstatement lets them back", async () => {
    const admin = await createAdmin(t.db);
    const member = await createMember(t.db);
    const auth = createAuth(t.db, { secureCookies: false });
    const { setCookie } = await auth.signIn({ email: member.email, password: member.password }, "test-client");
    const cookie = setCookie.split(";")[0];
    expect((await auth.check(cookie)).actor?.id).toBe(member.id);

    await t.services.people.setSuspended(admin, { userId: member.id }, true);
    expect(await t.db.selectFrom("sessions").selectAll().where("user_id", "=", member.id).execute()).toEqual([]);
    expect((await auth.check(cookie)).actor).toBeNull();
    await expect(auth.signIn({ email: member.email, password: member.password }, "test-client")).rejects.toThrow(/suspended/);

    await t.services.people.setSuspended(admin, { userId: member.id }, false);
    const again = await auth.signIn({ email: member.email, password: member.password }, "test-client");
    expect((await auth.check(again.setCookie.split(";")[0])).actor?.id).toBe(member.id);
  });

  it("an invitation made on the command line has no creator and can make the first admin", async () => {
    const { token, expiresAt } = await t.services.people.inviteFromCommandLine({ role: "admin", validDays: 3 });
    expect(expiresAt).toBe(t.clock.now() + 3 * DAY_MS);
    const [stored] = await t.db.selectFrom("invitations").select(["created_by", "role"]).execute();
    expect(stored).toEqual({ created_by: null, role: "admin" });
    const { userId } = await t.services.people.join(token, joining());
    expect(await userByEmail("heron@example.org")).toMatchObject({ id: userId, role: "admin" });
    await expect(t.services.people.inviteFromCommandLine({ role: "admin", validDays: 31 })).rejects.toThrow(
      "An invitation is valid for at most 30 days.",
    );
  });
});
