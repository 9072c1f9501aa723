import { expect, it } from "vitest";
import { InvalidState, NotAllowed, NotFound } from "../../server/domain/errors";
import { DAY_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createCommissioner, createMember, motionInput, responseInput } from "../support/factories";
import { type TestParliament, carriedMotion, closingIn, openBallotOn, publishedMotion, useParliament } from "../support/parliament";

const kindsFor = async (t: TestParliament, userId: string) =>
  (await t.db.selectFrom("notifications").select("kind").where("user_id", "=", userId).orderBy("id").execute()).map((n) => n.kind);
const countNotices = async (t: TestParliament) =>
  Number((await t.db.selectFrom("notifications").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describeEachDatabase("following a motion", (dialect) => {
  const t = useParliament(dialect);

  it("a signed-in person follows and unfollows a published motion; twice either way is refused", async () => {
    const scene = await publishedMotion(t);
    const follower = await createMember(t.db);
    expect(await t.services.notifications.isFollowing(follower, scene.motionId)).toBe(false);
    await t.services.notifications.follow(follower, scene.motionId);
    expect(await t.services.notifications.isFollowing(follower, scene.motionId)).toBe(true);
    await expect(t.services.notifications.follow(follower, scene.motionId)).rejects.toThrow(new InvalidState("You already follow this motion."));
    await t.services.notifications.unfollow(follower, scene.motionId);
    await expect(t.services.notifications.unfollow(follower, scene.motionId)).rejects.toThrow(new InvalidState("You do not follow this motion."));
    expect(await t.db.selectFrom("follows").selectAll().execute()).toEqual([]);
    // Commissioners and the chair may follow too; following is private and not audited.
    await t.services.notifications.follow(scene.chair, scene.motionId);
    expect(await t.db.selectFrom("audit_log").select("type").where("type", "like", "%follow%").execute()).toEqual([]);
  });

  it("nobody follows a draft or a motion that does not exist, and the signed-out cannot follow", async () => {
    const proposer = await createMember(t.db);
    const scene = await publishedMotion(t);
    const draft = await t.services.motions.raise(proposer, motionInput(scene.bodyId));
    await expect(t.services.notifications.follow(proposer, draft.id)).rejects.toThrow(NotFound);
    await expect(t.services.notifications.follow(proposer, 99_999)).rejects.toThrow(NotFound);
    await expect(t.services.notifications.follow(null, scene.motionId)).rejects.toThrow(NotAllowed);
    await expect(t.services.notifications.unfollow(null, scene.motionId)).rejects.toThrow(NotAllowed);
    expect(await t.services.notifications.isFollowing(null, scene.motionId)).toBe(false);
    expect(await t.db.selectFrom("follows").selectAll().execute()).toEqual([]);
  });
});

describeEachDatabase("notices", (dialect) => {
  const t = useParliament(dialect);

  it("followers and the proposer hear when a motion is seconded, scheduled and voted on", async () => {
    const scene = await publishedMotion(t);
    const follower = await createMember(t.db);
    await t.services.notifications.follow(follower, scene.motionId);
    for (const m of scene.members.slice(0, 2)) await t.services.motions.second(m, scene.motionId);
    const { sittingId } = await t.services.sittings.schedule(scene.chair, { title: "March sitting", startsAt: closingIn(t, 10), place: "Riverside Library" });
    const { itemId } = await t.services.sittings.addToAgenda(scene.chair, sittingId, { motionId: scene.motionId });
    await t.services.sittings.removeFromAgenda(scene.chair, { itemId });
    const ballotId = await openBallotOn(t, scene);
    for (const m of [scene.proposer, ...scene.members]) await t.services.ballots.vote(m, ballotId, { choice: "for" });
    await t.services.ballots.close(scene.chair, ballotId);

    for (const person of [follower, scene.proposer]) expect(await kindsFor(t, person.id)).toEqual(["seconded", "scheduled", "voted"]);
    const { notifications } = await t.services.notifications.list(follower);
    expect(notifications.map((n) => n.message)).toEqual([
      `${scene.number}: Count pets as part of a person's circle of support was carried. The commissioners now owe a public response.`,
      `${scene.number}: Count pets as part of a person's circle of support is on the agenda of a sitting.`,
      `${scene.number}: Count pets as part of a person's circle of support was seconded and can now go to a vote.`,
    ]);
    expect(notifications[0]).toMatchObject({ number: scene.number, title: "Count pets as part of a person's circle of support", read_at: null });
    // Seconders and voters who do not follow hear nothing.
    expect(await kindsFor(t, scene.members[0].id)).toEqual([]);
  });

  it("and when it is answered, held, judged, revised, and as each action moves and the record closes", async () => {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    const follower = await createMember(t.db);
    await t.services.notifications.follow(follower, scene.motionId);
    await t.services.responses.holdingReply(commissioner, scene.motionId, {
      reason: "We need the finance committee's agreement before we can answer.",
      expectedDate: "2026-04-30",
    });
    const first = await t.services.responses.publish(commissioner, scene.motionId, responseInput("decline"));
    const { ballotId } = await t.services.verdicts.open(scene.chair, first.responseId, { closesAt: closingIn(t, 7) });
    for (const m of [scene.proposer, ...scene.members.slice(0, 2)]) await t.services.ballots.vote(m, ballotId, { choice: "against" });
    t.clock.advance(8 * DAY_MS);
    await t.services.ballots.closeDue();
    await t.services.responses.publish(commissioner, scene.motionId, responseInput("accept"));
    const action = await t.db.selectFrom("response_actions").select("id").executeTakeFirstOrThrow();
    await t.services.actions.update(commissioner, { actionId: action.id, status: "in_progress", progress: 50, note: "The new question is drafted." });
    await t.services.actions.update(commissioner, { actionId: action.id, status: "done", progress: 100, note: "The new form is in use." });

    const expected = ["holding_reply", "answered", "revision_requested", "revised", "action_moved", "action_moved", "closed"];
    expect(await kindsFor(t, follower.id)).toEqual(expected);
    expect((await kindsFor(t, scene.proposer.id)).slice(-expected.length)).toEqual(expected);
    const { notifications } = await t.services.notifications.list(follower, { limit: 3 });
    expect(notifications.map((n) => n.message)).toEqual([
      `The record of ${scene.number} is closed: every promised action is done or dropped`,
      `An action on ${scene.number} is now done (100%): Add a question about pets to the assessment form`,
      `An action on ${scene.number} is now in progress (50%): Add a question about pets to the assessment form`,
    ]);
  });

  it("nobody hears about their own act", async () => {
    const scene = await publishedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    for (const person of [scene.chair, commissioner]) await t.services.notifications.follow(person, scene.motionId);
    for (const m of scene.members.slice(0, 2)) await t.services.motions.second(m, scene.motionId);
    const ballotId = await openBallotOn(t, scene);
    for (const m of [scene.proposer, ...scene.members]) await t.services.ballots.vote(m, ballotId, { choice: "for" });
    await t.services.ballots.close(scene.chair, ballotId);
    await t.services.responses.publish(commissioner, scene.motionId, responseInput("decline"));

    expect(await kindsFor(t, scene.chair.id)).toEqual(["seconded", "answered"]); // not "voted": the chair closed the ballot
    expect(await kindsFor(t, commissioner.id)).toEqual(["seconded", "voted"]); // not "answered": they wrote it
    expect(await kindsFor(t, scene.proposer.id)).toEqual(["seconded", "voted", "answered"]);
  });

  it("suspended people get no notices", async () => {
    const scene = await publishedMotion(t);
    const follower = await createMember(t.db);
    await t.services.notifications.follow(follower, scene.motionId);
    await t.db.updateTable("users").set({ status: "suspended" }).where("id", "in", [follower.id, scene.proposer.id]).execute();
    for (const m of scene.members.slice(0, 2)) await t.services.motions.second(m, scene.motionId);
    expect(await countNotices(t)).toBe(0);
  });

  it("each notice is announced after commit, so email can follow it", async () => {
    const scene = await publishedMotion(t);
    await t.services.motions.second(scene.members[0], scene.motionId);
    const mark = t.events.length;
    await t.services.motions.second(scene.members[1], scene.motionId);
    const notice = await t.db.selectFrom("notifications").select("id").executeTakeFirstOrThrow();
    expect(t.events.slice(mark)).toContainEqual({ type: "notifications:created", ids: [notice.id] });
  });
});

describeEachDatabase("reading notices", (dialect) => {
  const t = useParliament(dialect);

  /** Five notices for the proposer (and a follower): seconded, voted, answered, two action moves. */
  async function busyProposer() {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    const follower = await createMember(t.db);
    await t.services.notifications.follow(follower, scene.motionId);
    await t.services.responses.publish(commissioner, scene.motionId, responseInput("accept", {
      actions: [
        { description: "Add a question about pets to the form", owner: "Assessment team", dueDate: "2026-09-30" },
        { description: "Cover pets in assessor training", owner: "Workforce team", dueDate: "2026-12-31" },
      ],
    }));
    const [a] = await t.db.selectFrom("response_actions").select("id").orderBy("position").execute();
    await t.services.actions.update(commissioner, { actionId: a.id, status: "in_progress", progress: 10, note: "Work has started." });
    await t.services.actions.update(commissioner, { actionId: a.id, status: "in_progress", progress: 60, note: "Wording agreed." });
    return { ...scene, follower };
  }

  it("counts what is unread, lists newest first a page at a time, and marks one or all read", async () => {
    const scene = await busyProposer();
    const me = scene.proposer;
    expect(await t.services.notifications.unreadCount(me)).toBe(5);
    const first = await t.services.notifications.list(me, { limit: 2 });
    expect(first.more).toBe(true);
    expect(first.notifications).toHaveLength(2);
    const second = await t.services.notifications.list(me, { limit: 2, before: first.notifications[1].id });
    const third = await t.services.notifications.list(me, { limit: 2, before: second.notifications[1].id });
    expect(third).toMatchObject({ more: false });
    const ids = [...first.notifications, ...second.notifications, ...third.notifications].map((n) => n.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(5);

    t.clock.advance(DAY_MS);
    await t.services.notifications.markRead(me, ids[0]);
    expect(await t.services.notifications.unreadCount(me)).toBe(4);
    const [newest] = (await t.services.notifications.list(me, { limit: 1 })).notifications;
    expect(newest.read_at).toBe(t.clock.now());
    await t.services.notifications.markRead(me);
    expect(await t.services.notifications.unreadCount(me)).toBe(0);
    // Reading mine leaves the follower's untouched.
    expect(await t.services.notifications.unreadCount(scene.follower)).toBe(3); // answered, two action moves
  });

  it("only your own: marking someone else's notice changes nothing, and the signed-out have none", async () => {
    const scene = await busyProposer();
    const theirs = await t.db.selectFrom("notifications").select("id").where("user_id", "=", scene.follower.id).execute();
    await t.services.notifications.markRead(scene.proposer, theirs[0].id);
    expect(await t.services.notifications.unreadCount(scene.follower)).toBe(theirs.length);
    const mine = await t.services.notifications.list(scene.members[0]);
    expect(mine).toEqual({ notifications: [], more: false });
    expect(await t.services.notifications.unreadCount(null)).toBe(0);
    await expect(t.services.notifications.list(null)).rejects.toThrow(NotAllowed);
    await expect(t.services.notifications.markRead(null)).rejects.toThrow(NotAllowed);
  });
});
