// The notifications page, as a browser without JavaScript uses it: a member's notices from real
// events on a motion they follow, the unread count in the header, marking read one at a time or
// all at once, older notices a page at a time, and nobody marking anyone else's notices.
import { expect, it } from "vitest";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { defaultRules } from "../../server/services/deps";
import { BrowserLikeClient, textOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createBody, createChair, createMember, createMembers, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

/** The main navigation's text, where the unread count shows on every page. */
function navText(html: string): string {
  const start = html.indexOf('<nav aria-label="Main"');
  return textOf(html.slice(start, html.indexOf("</nav>", start)));
}

/** The notices on the page, newest first: each one's text. */
function notices(html: string): string[] {
  const start = html.indexOf('class="notice-list"');
  if (start < 0) return [];
  const list = html.slice(start, html.indexOf("</ol>", start));
  return list.split("<li").slice(1).map((item) => textOf(`<li${item}`));
}

describeEachDatabase("the notifications page", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const db = () => holder.server.database.db;
  const services = () => holder.server.services;

  async function signedIn(person: TestPerson) {
    const client = new BrowserLikeClient(holder.server.url);
    await client.signIn(person.email, person.password);
    return client;
  }

  /** A member follows a motion that is then seconded and carried: two notices, both unread. */
  async function followerWithNews() {
    const body = await createBody(db());
    const [proposer, a, b] = await createMembers(db(), 3);
    const follower = await createMember(db(), { displayName: `Otter ${Math.random().toString(36).slice(2, 6)}` });
    const chair = await createChair(db());
    const { id, number } = await services().motions.raise(proposer, motionInput(body.id, { title: "Crisis cafés open every night" }), { publish: true });
    await services().notifications.follow(follower, id);
    await services().motions.second(a, id);
    await services().motions.second(b, id);
    const closesAt = epochToZonedLocal(Date.now() + 7 * DAY_MS, defaultRules.timeZone);
    const { ballotId } = await services().ballots.open(chair, id, { kind: "recorded", rule: "simple", closesAt });
    await services().ballots.vote(a, ballotId, { choice: "for" });
    await services().ballots.close(chair, ballotId);
    const mine = await db().selectFrom("notifications").select(["id", "read_at"]).where("user_id", "=", follower.id).orderBy("id").execute();
    return { follower, proposer, number: number!, notificationIds: mine.map((n) => n.id) };
  }

  const unreadOf = async (userId: string) =>
    (await db().selectFrom("notifications").select("id").where("user_id", "=", userId).where("read_at", "is", null).execute()).length;

  it("sends someone signed out to sign in first", async () => {
    const page = await new BrowserLikeClient(holder.server.url).get("/notifications");
    expect(page.status).toBe(302);
    expect(page.location).toBe("/login?redirectTo=%2Fnotifications");
  });

  it("shows a follower's notices newest first, unread ones marked in words, each linking to its motion", async () => {
    const { follower, number } = await followerWithNews();
    const client = await signedIn(follower);
    const page = await client.get("/notifications");
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<title>Notifications · [^<]+<\/title>/);
    expect(navText(page.html)).toContain("Notifications (2 unread)");
    expect(textOf(page.html)).toContain("You have 2 unread notices.");
    const [newest, older] = notices(page.html);
    expect(newest).toMatch(/^Unread Vote result · .* Crisis cafés open every night was carried\. The commissioners now owe a public response\./);
    expect(older).toMatch(/^Unread Seconded · .* was seconded and can now go to a vote\./);
    expect(newest).toContain(`${number} Crisis cafés open every night`);
    expect(page.html).toContain(`href="/motions/${number}"`);
    expect(textOf(page.html)).toContain("Mark all as read");
    // The count follows the person around the site.
    expect(navText((await client.get("/motions")).html)).toContain("Notifications (2 unread)");
  });

  it("marks one notice as read, then all of them, and the header count follows", async () => {
    const { follower, notificationIds } = await followerWithNews();
    const client = await signedIn(follower);
    const [seconded, carried] = notificationIds;

    const one = await client.post("/notifications", { intent: "read", notificationId: seconded });
    expect(one.status).toBe(302);
    expect(one.location).toBe("/notifications");
    const afterOne = await client.follow(one);
    expect(textOf(afterOne.html)).toContain("The notice is marked as read.");
    expect(navText(afterOne.html)).toContain("Notifications (1 unread)");
    const [stillUnread, nowRead] = notices(afterOne.html);
    expect(stillUnread).toMatch(/^Unread Vote result/);
    expect(nowRead).toMatch(/^Read\. Seconded/);
    expect(nowRead).not.toContain("Mark as read");
    expect(await unreadOf(follower.id)).toBe(1);

    const all = await client.post("/notifications", { intent: "read-all" });
    expect(all.status).toBe(302);
    const afterAll = await client.follow(all);
    expect(textOf(afterAll.html)).toContain("All your notices are marked as read.");
    expect(textOf(afterAll.html)).toContain("You have no unread notices.");
    expect(textOf(afterAll.html)).not.toContain("Mark all as read");
    expect(navText(afterAll.html)).toContain("Notifications");
    expect(navText(afterAll.html)).not.toContain("unread");
    expect(await unreadOf(follower.id)).toBe(0);
    expect(carried).toBeGreaterThan(seconded);
  });

  it("nobody can mark someone else's notice as read", async () => {
    const { follower, notificationIds } = await followerWithNews();
    const stranger = await signedIn(await createMember(db()));
    const attempt = await stranger.post("/notifications", { intent: "read", notificationId: notificationIds[0] });
    expect(attempt.status).toBe(404);
    expect(textOf(attempt.html)).toContain("There is no such notice among yours.");
    // Marking all of one's own touches nobody else's.
    expect((await stranger.post("/notifications", { intent: "read-all" })).status).toBe(302);
    expect(await unreadOf(follower.id)).toBe(2);
  });

  it("pages through older notices with a cursor, twenty at a time", async () => {
    const member = await createMember(db());
    const base = Date.now() - 30 * DAY_MS;
    await db()
      .insertInto("notifications")
      .values(Array.from({ length: 25 }, (_, i) => ({ user_id: member.id, motion_id: null, kind: "seconded", message: `Notice number ${i + 1}.`, created_at: base + i * DAY_MS })))
      .execute();
    const client = await signedIn(member);
    const first = await client.get("/notifications");
    const page1 = notices(first.html);
    expect(page1).toHaveLength(20);
    expect(page1[0]).toContain("Notice number 25.");
    expect(page1[19]).toContain("Notice number 6.");
    const older = /href="(\/notifications\?before=\d+)"[^>]*>Older notices</.exec(first.html);
    expect(older, "an Older notices link").not.toBeNull();

    const second = await client.get(older![1].replace(/&amp;/g, "&"));
    const page2 = notices(second.html);
    expect(page2.map((n) => /Notice number (\d+)\./.exec(n)![1])).toEqual(["5", "4", "3", "2", "1"]);
    expect(second.html).not.toMatch(/>Older notices</);
    expect(textOf(second.html)).toContain("Newest notices");
    // The header counts every unread notice, not just this page's.
    expect(navText(second.html)).toContain("Notifications (25 unread)");

    // Marking one as read from the second page comes back to the second page.
    const id = Number(/name="notificationId" value="(\d+)"/.exec(second.html)![1]);
    const marked = await client.post(older![1], { intent: "read", notificationId: id });
    expect(marked.location).toBe(older![1]);
  });

  it("explains what creates notices, and how to follow a motion, before there are any", async () => {
    const client = await signedIn(await createMember(db()));
    const page = await client.get("/notifications");
    const text = textOf(page.html);
    expect(text).toContain("You have no notices yet.");
    expect(text).toContain("a motion you raised or follow is seconded");
    expect(text).toContain("To follow a motion, open its page");
    expect(navText(page.html)).not.toContain("unread");
    expect(text).not.toContain("Mark all as read");
  });
});
