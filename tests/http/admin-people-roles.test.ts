// Changing roles on /admin/people, over HTTP as a browser without JavaScript: the real button
// waits behind a confirmation that says what will happen, and the only chair cannot be removed.
// The tests share one database and run in order: the first needs Sorrel to be the only chair.
import { expect, it } from "vitest";
import { BrowserLikeClient, plain, textOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createBody, createPerson } from "../support/factories";
import { useTestServer } from "../support/server";

describeEachDatabase("changing roles on the people page", (dialect) => {
  const holder = useTestServer(dialect);
  const db = () => holder.server.database.db;

  async function signedInAdmin() {
    const client = new BrowserLikeClient(holder.server.url);
    const admin = await createAdmin(db());
    await client.signIn(admin.email, admin.password);
    return client;
  }
  const userRow = (id: string) => db().selectFrom("users").select(["role", "status"]).where("id", "=", id).executeTakeFirstOrThrow();
  /** One person's entry on the page, from their heading to the end of their list item. */
  function entryOf(html: string, name: string): string {
    const start = html.indexOf(`<h3>${name}<`);
    expect(start).toBeGreaterThan(-1);
    return html.slice(start, html.indexOf("</li>", start));
  }

  it("the only chair's role change and suspension are refused with a plain reason, and the page warns before either", async () => {
    const admin = await signedInAdmin();
    const chair = await createPerson(db(), { role: "chair", displayName: "Sorrel" });
    const entry = plain(entryOf((await admin.get("/admin/people")).html, "Sorrel"));
    expect(entry).toContain("Sorrel is the only chair. Someone must run sittings and moderate, so make another person chair before changing Sorrel's role or suspending them.");

    const demoted = await admin.post("/admin/people", { intent: "role", userId: chair.id, role: "member", bodyId: "" });
    expect(demoted.status).toBe(409);
    expect(plain(entryOf(demoted.html, "Sorrel"))).toContain(
      "Sorrel is the only chair, so you cannot change their role: nobody would be left to run sittings or moderate. Make someone else chair first.",
    );
    const suspended = await admin.post("/admin/people", { intent: "suspend", userId: chair.id });
    expect(suspended.status).toBe(409);
    expect(textOf(suspended.html)).toContain("Sorrel is the only chair, so you cannot suspend them");
    expect(await userRow(chair.id)).toEqual({ role: "chair", status: "active" });
  });

  it("a role change asks for confirmation, warning when it leaves a body with no commissioner; confirming saves it", async () => {
    const admin = await signedInAdmin();
    const body = await createBody(db(), { name: "Riverside Council Adult Social Care" });
    const tom = await createPerson(db(), { role: "commissioner", bodyId: body.id, displayName: "Tom" });
    const entry = entryOf((await admin.get("/admin/people")).html, "Tom");

    const roleForm = /<form[^>]*id="role-[^"]*"[\s\S]*?<\/form>/.exec(entry)![0];
    const confirm = /<details class="confirm"[^>]*>([\s\S]*?)<\/details>/.exec(roleForm)!;
    expect(plain(confirm[1])).toMatch(/^Save the new role of Tom ?…/);
    expect(plain(confirm[1])).toContain(
      "Tom is the only commissioner of Riverside Council Adult Social Care; nobody will be able to answer its motions until someone else is invited.",
    );
    expect(confirm[1]).toMatch(/<button[^>]*value="role"[^>]*>Yes, change Tom(&#x27;|')s role<\/button>/);
    // The only way to save is the button inside the confirmation.
    expect(roleForm.replace(confirm[0], "")).not.toContain("<button");
    // Suspending Tom warns the same way.
    expect(plain(entry)).toMatch(/Suspend Tom ?…[\s\S]*Tom is the only commissioner of Riverside Council Adult Social Care/);

    const confirmed = await admin.post("/admin/people", { intent: "role", userId: tom.id, role: "member", bodyId: "" });
    expect(confirmed.status).toBe(302);
    expect(textOf((await admin.follow(confirmed)).html)).toContain("Tom's role is now Member.");
    expect(await userRow(tom.id)).toEqual({ role: "member", status: "active" });
  });

  it("once there is a second chair, the first can be made a member", async () => {
    const admin = await signedInAdmin();
    const [sorrel] = await db().selectFrom("users").select("id").where("display_name", "=", "Sorrel").execute();
    await createPerson(db(), { role: "chair", displayName: "Wren" });
    const page = await admin.get("/admin/people");
    expect(textOf(page.html)).not.toContain("is the only chair");

    const demoted = await admin.post("/admin/people", { intent: "role", userId: sorrel.id, role: "member", bodyId: "" });
    expect(demoted.status).toBe(302);
    expect(await userRow(sorrel.id)).toEqual({ role: "member", status: "active" });
  });
});
