// Sittings need a chair to run them and threads need one to moderate: the admin cannot leave the
// parliament without an active chair. A body may lose its last commissioner (people leave jobs).
import { expect, it } from "vitest";
import { InvalidState } from "../../server/domain/errors";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createBody, createChair, createCommissioner } from "../support/factories";
import { useParliament } from "../support/parliament";

describeEachDatabase("the last active chair stays", (dialect) => {
  const t = useParliament(dialect);

  const userRow = (id: string) => t.db.selectFrom("users").select(["role", "status", "body_id"]).where("id", "=", id).executeTakeFirstOrThrow();
  const auditCount = async () => (await t.db.selectFrom("audit_log").select("seq").execute()).length;

  it("the only chair cannot be made a member or suspended, with a plain reason, and nothing is written", async () => {
    const admin = await createAdmin(t.db);
    const chair = await createChair(t.db);
    const audit = await auditCount();

    const demoted = await t.services.people.changeRole(admin, { userId: chair.id, role: "member" }).catch((e) => e);
    expect(demoted).toBeInstanceOf(InvalidState);
    expect(demoted.message).toBe(
      `${chair.displayName} is the only chair, so you cannot change their role: nobody would be left to run sittings or moderate. Make someone else chair first.`,
    );
    const suspended = await t.services.people.setSuspended(admin, { userId: chair.id }, true).catch((e) => e);
    expect(suspended).toBeInstanceOf(InvalidState);
    expect(suspended.message).toContain(`${chair.displayName} is the only chair, so you cannot suspend them`);

    expect(await userRow(chair.id)).toEqual({ role: "chair", status: "active", body_id: null });
    expect(await auditCount()).toBe(audit);
  });

  it("with a second active chair, either can be moved or suspended; a suspended chair does not count as the other one", async () => {
    const admin = await createAdmin(t.db);
    const first = await createChair(t.db);
    const second = await createChair(t.db);
    await t.services.people.setSuspended(admin, { userId: second.id }, true);
    // The suspended chair cannot run anything, so the first is still the only active one.
    await expect(t.services.people.changeRole(admin, { userId: first.id, role: "member" })).rejects.toThrow(InvalidState);

    await t.services.people.setSuspended(admin, { userId: second.id }, false);
    expect(await t.services.people.changeRole(admin, { userId: first.id, role: "member" })).toEqual({
      displayName: first.displayName,
      changed: true,
    });
    expect((await userRow(first.id)).role).toBe("member");
    await expect(t.services.people.setSuspended(admin, { userId: second.id }, true)).rejects.toThrow(InvalidState);
  });

  it("saving the only chair's role unchanged is not refused: nothing changes either way", async () => {
    const admin = await createAdmin(t.db);
    const chair = await createChair(t.db);
    expect(await t.services.people.changeRole(admin, { userId: chair.id, role: "chair" })).toEqual({ displayName: chair.displayName, changed: false });
  });

  it("a body's only commissioner can still be made a member: people leave jobs", async () => {
    const admin = await createAdmin(t.db);
    const body = await createBody(t.db);
    const commissioner = await createCommissioner(t.db, body.id);
    expect((await t.services.people.changeRole(admin, { userId: commissioner.id, role: "member" })).changed).toBe(true);
    expect(await userRow(commissioner.id)).toEqual({ role: "member", status: "active", body_id: null });
  });
});
