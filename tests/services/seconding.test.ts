import { expect, it } from "vitest";
import { InvalidState, NotAllowed } from "../../server/domain/errors";
import { describeEachDatabase } from "../support/databases";
import { createCommissioner, createMember } from "../support/factories";
import { publishedMotion, useParliament } from "../support/parliament";

describeEachDatabase("seconding a motion", (dialect) => {
  const t = useParliament(dialect);

  it("a member cannot second their own motion, and nothing is written", async () => {
    const scene = await publishedMotion(t);
    await expect(t.services.motions.second(scene.proposer, scene.motionId)).rejects.toThrow(NotAllowed);
    const seconds = await t.db.selectFrom("seconds").selectAll().execute();
    expect(seconds).toEqual([]);
  });

  it("the second distinct seconder moves an open motion to seconded", async () => {
    const scene = await publishedMotion(t);
    const first = await t.services.motions.second(scene.members[0], scene.motionId);
    expect(first).toEqual({ seconds: 1, status: "open" });
    const second = await t.services.motions.second(scene.members[1], scene.motionId);
    expect(second).toEqual({ seconds: 2, status: "seconded" });
    const motion = await t.db.selectFrom("motions").select(["status", "seconded_at"]).where("id", "=", scene.motionId).executeTakeFirstOrThrow();
    expect(motion).toEqual({ status: "seconded", seconded_at: t.clock.now() });
  });

  it("seconding twice is refused by the database's unique constraint, with a clear message", async () => {
    const scene = await publishedMotion(t);
    await t.services.motions.second(scene.members[0], scene.motionId);
    await expect(t.services.motions.second(scene.members[0], scene.motionId)).rejects.toThrow(
      new InvalidState("You have already seconded this motion."),
    );
    const audit = await t.db.selectFrom("audit_log").select("type").where("type", "=", "motion.seconded").execute();
    expect(audit).toHaveLength(1);
  });

  it("commissioners and signed-out visitors cannot second", async () => {
    const scene = await publishedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    await expect(t.services.motions.second(commissioner, scene.motionId)).rejects.toThrow(NotAllowed);
    await expect(t.services.motions.second(null, scene.motionId)).rejects.toThrow("You need to sign in to second a motion.");
  });

  it("the threshold is configurable", async () => {
    t.rules.secondersRequired = 3;
    const scene = await publishedMotion(t);
    const late = await createMember(t.db);
    await t.services.motions.second(scene.members[0], scene.motionId);
    await t.services.motions.second(scene.members[1], scene.motionId);
    const third = await t.services.motions.second(late, scene.motionId);
    expect(third.status).toBe("seconded");
  });
});
