// Admins manage commissioning bodies at /admin/bodies with plain forms: adding one, correcting
// mistakes beside the fields, editing one (a new response period leaves running clocks alone),
// and nobody else gets in.
import { expect, it } from "vitest";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { defaultRules } from "../../server/services/deps";
import { BrowserLikeClient, textOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createAdmin, createChair, createMember, createMembers, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

const unique = () => Math.random().toString(36).slice(2, 7);

describeEachDatabase("managing commissioning bodies", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const db = () => holder.server.database.db;

  const signedIn = (person: TestPerson) => BrowserLikeClient.signedIn(holder.server.url, person);

  const bodyNamed = (name: string) => db().selectFrom("bodies").selectAll().where("name", "=", name).executeTakeFirst();
  const countBodies = async () => (await db().selectFrom("bodies").select("id").execute()).length;

  it("an admin adds a body, and the public can read its page at once", async () => {
    const admin = await signedIn(await createAdmin(db()));
    const page = await admin.get("/admin/bodies");
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<title>Commissioning bodies · [^<]+<\/title>/);
    expect(textOf(page.html)).toContain("A new period applies to motions carried from now on");
    // The period starts at eight weeks, the usual expectation.
    expect(page.html).toMatch(/<input[^>]*name="responsePeriodDays"[^>]*value="56"/);

    const name = `Riverbank Care Board ${unique()}`;
    const created = await admin.post("/admin/bodies", {
      intent: "create",
      name,
      description: "Pays for community mental health teams.",
      responsePeriodDays: "42",
      contact: "answers@riverbank.example",
    });
    expect(created.status).toBe(302);
    expect(created.location).toBe("/admin/bodies");
    const after = await admin.follow(created);
    expect(textOf(after.html)).toContain(`${name} is added. Members can now address motions to it.`);
    const body = await bodyNamed(name);
    expect(body).toMatchObject({ description: "Pays for community mental health teams.", response_period_days: 42, contact: "answers@riverbank.example" });
    expect(textOf(after.html)).toContain(`${name} Answers within 42 days (6 weeks) · 0 motions addressed to it · contact: answers@riverbank.example`);

    const publicPage = await new BrowserLikeClient(holder.server.url).get(`/bodies/${body!.slug}`);
    expect(publicPage.status).toBe(200);
    expect(textOf(publicPage.html)).toContain("Time to answer 42 days (6 weeks) from the vote.");
  });

  it("mistakes are explained beside their fields, what was typed is kept, and nothing is written", async () => {
    const admin = await signedIn(await createAdmin(db()));
    const before = await countBodies();
    const reply = await admin.post("/admin/bodies", { intent: "create", name: "NH", description: "Keeps this text.", responsePeriodDays: "3", contact: "" });
    expect(reply.status).toBe(400);
    const text = textOf(reply.html);
    expect(text).toContain("Error: Name needs at least 3 characters.");
    expect(text).toContain("Error: The response period is at least 7 days.");
    expect(reply.html).toMatch(/<input[^>]*aria-invalid="true"[^>]*name="name"|<input[^>]*name="name"[^>]*aria-invalid="true"/);
    expect(reply.html).toMatch(/<input[^>]*aria-describedby="[^"]*create-body-name-error[^"]*"/);
    expect(reply.html).toContain(">Keeps this text.</textarea>");
    // The create form is the one showing errors; the edit forms stay folded.
    expect(reply.html).not.toMatch(/<details open/);
    expect(await countBodies()).toBe(before);

    const notANumber = await admin.post("/admin/bodies", { intent: "create", name: "A proper name", responsePeriodDays: "eight weeks" });
    expect(notANumber.status).toBe(400);
    expect(textOf(notANumber.html)).toContain("The response period must be a number of days.");
    expect(await countBodies()).toBe(before);
  });

  it("a name another body has, in any case, is refused beside the name field", async () => {
    const admin = await signedIn(await createAdmin(db()));
    const name = `Hillside Council ${unique()}`;
    expect((await admin.post("/admin/bodies", { intent: "create", name, responsePeriodDays: "56" })).status).toBe(302);
    const before = await countBodies();
    const again = await admin.post("/admin/bodies", { intent: "create", name: name.toUpperCase(), responsePeriodDays: "56" });
    expect(again.status).toBe(400);
    expect(textOf(again.html)).toContain(`Error: ${name} already exists. Choose a different name.`);
    expect(await countBodies()).toBe(before);
  });

  it("an admin edits a body; motions already waiting keep the due date they were given", async () => {
    const adminPerson = await createAdmin(db());
    const admin = await signedIn(adminPerson);
    const name = `Lakeside Care Board ${unique()}`;
    const { bodyId } = await holder.server.services.bodies.create(adminPerson, { name, description: "Old words.", responsePeriodDays: 56, contact: "" });

    // A motion to this body is carried before the change: its clock runs on the old period.
    const services = holder.server.services;
    const [proposer, a, b] = await createMembers(db(), 3);
    const chair = await createChair(db());
    const { id } = await services.motions.raise(proposer, motionInput(bodyId), { publish: true });
    await services.motions.second(a, id);
    await services.motions.second(b, id);
    const closesAt = epochToZonedLocal(Date.now() + 7 * DAY_MS, defaultRules.timeZone);
    const { ballotId } = await services.ballots.open(chair, id, { kind: "recorded", rule: "simple", closesAt });
    await services.ballots.vote(a, ballotId, { choice: "for" });
    await services.ballots.close(chair, ballotId);
    const dueBefore = (await db().selectFrom("motions").select("response_due_at").where("id", "=", id).executeTakeFirstOrThrow()).response_due_at;

    const page = await admin.get("/admin/bodies");
    expect(page.html).toContain(`id="edit-body-${bodyId}"`);
    const newName = `${name} (NHS)`;
    const saved = await admin.post("/admin/bodies", {
      intent: "update",
      bodyId,
      name: newName,
      description: "Plans and pays for NHS care.",
      responsePeriodDays: "28",
      contact: "board@lakeside.example",
    });
    expect(saved.status).toBe(302);
    expect(textOf((await admin.follow(saved)).html)).toContain(`Your changes to ${newName} are saved.`);
    const row = await db().selectFrom("bodies").selectAll().where("id", "=", bodyId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: newName, description: "Plans and pays for NHS care.", response_period_days: 28, contact: "board@lakeside.example" });
    const dueAfter = (await db().selectFrom("motions").select("response_due_at").where("id", "=", id).executeTakeFirstOrThrow()).response_due_at;
    expect(dueAfter).toBe(dueBefore);

    // A bad edit opens that body's form with its messages, and changes nothing.
    const bad = await admin.post("/admin/bodies", { intent: "update", bodyId, name: newName, responsePeriodDays: "400" });
    expect(bad.status).toBe(400);
    const opened = bad.html.slice(bad.html.indexOf("<details open"));
    expect(/<form[^>]*id="([^"]+)"/.exec(opened)?.[1]).toBe(`edit-body-${bodyId}`);
    expect(bad.html.match(/<details open/g)).toHaveLength(1);
    expect(textOf(bad.html)).toContain("The response period is at most 365 days.");
    expect((await db().selectFrom("bodies").select("response_period_days").where("id", "=", bodyId).executeTakeFirstOrThrow()).response_period_days).toBe(28);

    // Editing a body that does not exist is a plain 404.
    expect((await admin.post("/admin/bodies", { intent: "update", bodyId: 999999, name: "Nobody at all", responsePeriodDays: "56" })).status).toBe(404);
  });

  it("members and chairs are refused, and someone signed out is sent to sign in", async () => {
    const before = await countBodies();
    for (const person of [await createMember(db()), await createChair(db())]) {
      const client = await signedIn(person);
      const page = await client.get("/admin/bodies");
      expect(page.status).toBe(403);
      expect(textOf(page.html)).toContain("This page is for admins only.");
      const post = await client.post("/admin/bodies", { intent: "create", name: `Sneaky Board ${unique()}`, responsePeriodDays: "56" });
      expect(post.status).toBe(403);
    }
    expect(await countBodies()).toBe(before);
    const visitor = await new BrowserLikeClient(holder.server.url).get("/admin/bodies");
    expect(visitor.status).toBe(302);
    expect(visitor.location).toBe("/login?redirectTo=%2Fadmin%2Fbodies");
    // Only admins see the way in.
    const member = await signedIn(await createMember(db()));
    expect((await member.get("/")).html).not.toContain('href="/admin/bodies"');
    const admin = await signedIn(await createAdmin(db()));
    expect((await admin.get("/")).html).toContain('href="/admin/bodies"');
  });
});
