import { expect, it } from "vitest";
import type { AuditEntry } from "../../db/schema";
import { canonicalJson } from "../../server/domain/canonical-json";
import { DAY_MS } from "../../server/domain/time";
import { GENESIS_HASH, hashEntry, verifyAuditChain } from "../../server/services/audit";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createCommissioner, createMember, motionInput, responseInput } from "../support/factories";
import { type TestParliament, carriedMotion, openBallotOn, publishedMotion, secondedMotion, useParliament } from "../support/parliament";

/** A parliament that has been busy: every kind of audited action, several times over. */
async function busyHistory(t: TestParliament) {
  const carried = await carriedMotion(t);
  t.clock.advance(DAY_MS);
  await t.services.responses.publish(await createCommissioner(t.db, carried.bodyId), carried.motionId, responseInput("accept"));
  const edited = await publishedMotion(t);
  await t.services.motions.edit(edited.proposer, edited.motionId, motionInput(edited.bodyId, { title: "Count pets, and other animals" }));
  await t.services.motions.withdraw(edited.proposer, edited.motionId, { reason: "Merged into another motion." });
  const secret = await secondedMotion(t);
  const ballotId = await openBallotOn(t, secret, "secret");
  for (const [i, m] of [secret.proposer, ...secret.members].entries()) {
    await t.services.ballots.vote(m, ballotId, { choice: (["for", "against", "abstain"] as const)[i % 3] });
  }
  const { postId } = await t.services.threads.post(secret.members[0], secret.motionId, { stance: "against", body: "A harsh remark." });
  await t.services.threads.hide(secret.chair, { postId, reason: "Unkind to another member." });
  const admin = await createAdmin(t.db);
  await t.services.people.changeRole(admin, { userId: secret.members[3].id, role: "commissioner", bodyId: secret.bodyId });
  await t.services.people.setSuspended(admin, { userId: edited.members[0].id }, true);
  await publishedMotion(t);
  t.clock.advance(60 * DAY_MS);
  await t.services.ballots.closeDue();
  await t.services.motions.lapseDue();
  return { ballotId, secret };
}

const entries = (t: TestParliament) => t.db.selectFrom("audit_log").selectAll().orderBy("seq").execute();

function tampered(column: keyof AuditEntry, row: AuditEntry, someUserId: string): unknown {
  switch (column) {
    case "seq":
      return row.seq + 100_000;
    case "at":
      return row.at + 1;
    case "actor_id":
      return row.actor_id === null ? someUserId : null;
    case "motion_id":
      return row.motion_id === null ? 1 : row.motion_id + 1;
    case "payload":
      return canonicalJson({ ...JSON.parse(row.payload), forged: true });
    case "prev_hash":
    case "hash":
      return "f".repeat(64);
    default:
      return `${row[column]}x`;
  }
}

const columns: (keyof AuditEntry)[] = ["seq", "at", "actor_id", "type", "subject_type", "subject_id", "motion_id", "payload", "prev_hash", "hash"];

describeEachDatabase("the audit chain", (dialect) => {
  const t = useParliament(dialect);

  it("a busy history verifies, checking every entry, also when read in small pages", async () => {
    await busyHistory(t);
    const rows = await entries(t);
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (const [i, row] of rows.entries()) {
      expect(row.hash).toBe(hashEntry(row.prev_hash, row));
      if (i > 0) expect(row.prev_hash).toBe(rows[i - 1].hash);
    }
    expect(await t.services.audit.verify()).toEqual({ ok: true, checked: rows.length });
    expect(await verifyAuditChain(t.db, 3)).toEqual({ ok: true, checked: rows.length });
  });

  it.each(columns)("editing %s of a middle entry breaks the chain at that entry", async (column) => {
    const { secret } = await busyHistory(t);
    const rows = await entries(t);
    const middle = rows[Math.floor(rows.length / 2)];
    await t.db
      .updateTable("audit_log")
      .set({ [column]: tampered(column, middle, secret.members[0].id) })
      .where("seq", "=", middle.seq)
      .execute();
    const check = await t.services.audit.verify();
    expect(check).toMatchObject({ ok: false, brokenAt: middle.seq, checked: middle.seq - 1 });
  });

  it("an entry's time never runs back along the log, even when the clock is set back", async () => {
    const first = await publishedMotion(t);
    const before = await entries(t);
    t.clock.advance(-3_600_000);
    await t.services.motions.second(first.members[0], first.motionId);
    const after = await entries(t);
    const added = after.slice(before.length);
    expect(added.map((e) => e.type)).toEqual(["motion.seconded"]);
    expect(added[0].at).toBe(before.at(-1)!.at);
    t.clock.advance(7_200_000);
    await t.services.motions.second(first.members[1], first.motionId);
    const later = (await entries(t)).slice(after.length);
    expect(later[0].at).toBe(t.clock.now());
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: (await entries(t)).length });
  });

  it("editing any entry, from the first to the last, is caught at that entry", async () => {
    await busyHistory(t);
    const rows = await entries(t);
    for (const row of rows) {
      await t.db.updateTable("audit_log").set({ at: row.at + 1 }).where("seq", "=", row.seq).execute();
      expect(await t.services.audit.verify()).toMatchObject({ ok: false, brokenAt: row.seq });
      await t.db.updateTable("audit_log").set({ at: row.at }).where("seq", "=", row.seq).execute();
      expect((await t.services.audit.verify()).ok).toBe(true);
    }
  });

  it("rewriting a payload's text, even to the same meaning, breaks the chain", async () => {
    await busyHistory(t);
    const rows = await entries(t);
    const middle = rows[Math.floor(rows.length / 2)];
    const loose = JSON.stringify(JSON.parse(middle.payload), null, 1);
    expect(loose).not.toBe(middle.payload);
    await t.db.updateTable("audit_log").set({ payload: loose }).where("seq", "=", middle.seq).execute();
    expect(await t.services.audit.verify()).toMatchObject({ ok: false, brokenAt: middle.seq });
  });

  it("deleting an entry breaks the chain where it was", async () => {
    await busyHistory(t);
    const rows = await entries(t);
    const middle = rows[Math.floor(rows.length / 2)];
    await t.db.deleteFrom("audit_log").where("seq", "=", middle.seq).execute();
    expect(await t.services.audit.verify()).toEqual({ ok: false, checked: middle.seq - 1, brokenAt: middle.seq, problem: "entry missing" });
  });

  it("a forged entry added at the end is caught", async () => {
    await busyHistory(t);
    const rows = await entries(t);
    const last = rows[rows.length - 1];
    const forged = { ...last, seq: last.seq + 1, type: "motion.state", payload: '{"to":"carried"}', prev_hash: last.hash, hash: "a".repeat(64) };
    await t.db.insertInto("audit_log").values(forged).execute();
    expect(await t.services.audit.verify()).toMatchObject({ ok: false, brokenAt: last.seq + 1 });
  });

  it("a forged entry put in place of a real one is caught at the next entry, even with a correct hash of its own", async () => {
    await busyHistory(t);
    const rows = await entries(t);
    const i = Math.floor(rows.length / 2);
    const real = rows[i];
    const fields = { ...real, payload: canonicalJson({ ...JSON.parse(real.payload), forged: true }) };
    const forged = { ...fields, hash: hashEntry(real.prev_hash, fields) };
    await t.db.deleteFrom("audit_log").where("seq", "=", real.seq).execute();
    await t.db.insertInto("audit_log").values(forged).execute();
    expect(await t.services.audit.verify()).toMatchObject({ ok: false, brokenAt: rows[i + 1].seq });
  });

  it("a forged entry numbered before the first is caught, not skipped", async () => {
    await busyHistory(t);
    const fields = {
      seq: 0,
      at: t.clock.now(),
      actor_id: null,
      type: "motion.state",
      subject_type: "motion",
      subject_id: "1",
      motion_id: 1,
      payload: canonicalJson({ to: "defeated" }),
    };
    await t.db.insertInto("audit_log").values({ ...fields, prev_hash: GENESIS_HASH, hash: hashEntry(GENESIS_HASH, fields) }).execute();
    expect(await t.services.audit.verify()).toMatchObject({ ok: false, brokenAt: 0 });
  });
});

describeEachDatabase("privacy in the audit log", (dialect) => {
  const t = useParliament(dialect);

  it("no email, password hash or secret choice ever enters the log", async () => {
    const { ballotId } = await busyHistory(t);
    const log = await entries(t);
    const text = log.map((e) => JSON.stringify(e)).join("\n");
    const people = await t.db.selectFrom("users").select(["email", "password_hash"]).execute();
    expect(people.length).toBeGreaterThan(10);
    for (const person of people) {
      if (person.email) expect(text).not.toContain(person.email);
      if (person.password_hash) expect(text).not.toContain(person.password_hash);
    }
    const secretEntries = log.filter((e) => e.subject_type === "ballot" && e.subject_id === String(ballotId) && e.type.startsWith("vote."));
    expect(secretEntries.length).toBeGreaterThan(0);
    for (const entry of secretEntries) {
      expect(entry.actor_id).toBeNull();
      expect(entry.payload).not.toMatch(/for|against|abstain|choice/);
    }
  });

  it("a newly joined member's email stays out of the log", async () => {
    const member = await createMember(t.db);
    const scene = await publishedMotion(t);
    await t.services.motions.second(member, scene.motionId);
    const text = JSON.stringify(await entries(t));
    expect(text).toContain(member.id);
    expect(text).not.toContain(member.email);
  });
});
