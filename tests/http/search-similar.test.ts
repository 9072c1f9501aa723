// Before raising a motion, a member can see motions like theirs. Without JavaScript the "Check
// for similar motions" button posts the form and the page comes back with every word kept; with
// it, the raise form asks /motions/similar as the title is typed.
import { expect, it } from "vitest";
import { BrowserLikeClient, plain } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { createBody, createMember, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

describeEachDatabase("similar motions when raising one", (dialect) => {
  const holder = useTestServer(dialect);
  const db = () => holder.server.database.db;

  async function signedInMember() {
    const member = await createMember(db());
    const client = new BrowserLikeClient(holder.server.url);
    await client.signIn(member.email, member.password);
    return { member, client };
  }

  it("without JavaScript, checking shows similar published motions and keeps everything typed, saving nothing", async () => {
    const body = await createBody(db());
    const other = await createMember(db());
    const { number } = await holder.server.services.motions.raise(
      other,
      motionInput(body.id, { title: "Ask about budgerigars in every care assessment" }),
      { publish: true },
    );
    await holder.server.services.motions.raise(other, motionInput(body.id, { title: "Budgerigars in assessments: a private draft" }));
    const { member, client } = await signedInMember();

    const form = await client.get("/motions/new");
    expect(form.html).toMatch(/<button type="submit" name="intent" value="similar"[^>]*>Check for similar motions<\/button>/);

    const checked = await client.post("/motions/new", {
      title: "Budgerigars should count in assessments",
      text: "Half-written motion text about budgerigars",
      rationale: "",
      summary: "",
      topics: "pets",
      bodyId: "",
      intent: "similar",
    });
    expect(checked.status).toBe(200);
    const text = plain(checked.html);
    expect(text).toContain("This motion looks similar to “Budgerigars should count in assessments”.");
    expect(checked.html).toMatch(new RegExp(`<a href="/motions/${number}" target="_blank" rel="noreferrer">`));
    expect(text).toContain(`${number}: Ask about budgerigars in every care assessment (opens in a new tab)`);
    expect(text).not.toContain("a private draft");
    // Every word the member typed is still there, and no field complains: it was only a look-up.
    expect(checked.html).toMatch(/<input [^>]*name="title"[^>]*value="Budgerigars should count in assessments"/);
    expect(checked.html).toContain(">Half-written motion text about budgerigars</textarea>");
    expect(checked.html).toMatch(/<input [^>]*name="topics"[^>]*value="pets"/);
    expect(text).not.toContain("Error:");
    const mine = await db().selectFrom("motions").select("id").where("proposer_id", "=", member.id).execute();
    expect(mine).toEqual([]);
  });

  it("says so when nothing is similar, and asks for a title when there is none", async () => {
    const { client } = await signedInMember();
    const nothing = await client.post("/motions/new", { title: "Quokka sanctuaries by the river", text: "", rationale: "", bodyId: "", intent: "similar" });
    expect(nothing.status).toBe(200);
    expect(plain(nothing.html)).toContain("No published motion looks like “Quokka sanctuaries by the river”. Your motion seems to be new.");
    const empty = await client.post("/motions/new", { title: "", text: "", rationale: "", bodyId: "", intent: "similar" });
    expect(empty.status).toBe(200);
    expect(plain(empty.html)).toContain("Type a title first, then check again.");
  });

  it("answers the typing check as JSON, public motions only", async () => {
    const body = await createBody(db());
    const other = await createMember(db());
    const { number } = await holder.server.services.motions.raise(other, motionInput(body.id, { title: "Weekend axolotl therapy sessions" }), { publish: true });
    const response = await fetch(`${holder.server.url}/motions/similar?text=${encodeURIComponent("axolotl therapy at weekends")}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const data = (await response.json()) as { text: string; motions: { number: string; title: string; status: string }[] };
    expect(data.text).toBe("axolotl therapy at weekends");
    expect(data.motions).toContainEqual({ number, title: "Weekend axolotl therapy sessions", status: "open" });
    const none = await fetch(`${holder.server.url}/motions/similar?text=`);
    expect(await none.json()).toEqual({ text: "", motions: [] });
  });

  it("asks people who are signed out to sign in before raising or checking", async () => {
    const response = await new BrowserLikeClient(holder.server.url).post("/motions/new", { title: "Anything at all", intent: "similar" });
    expect(response.status).toBe(302);
    expect(response.location).toMatch(/^\/login\?redirectTo=/);
  });
});
