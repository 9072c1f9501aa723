// The commissioner's response form over HTTP, as a browser without JavaScript: a promise cannot
// be due before it is made, publishing asks for one more deliberate step, and the summary of
// the actions adds up when some are overdue.
import { expect, it } from "vitest";
import { DAY_MS } from "../../server/domain/time";
import { BrowserLikeClient, plain, sectionOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { useResponseServer } from "./response-scenes";

describeEachDatabase("safeguards on the commissioner's response", (dialect) => {
  const { clock, holder, db, services, dateIn, signedIn, carried } = useResponseServer(dialect, "Riverside Council");

  const countOf = async (table: "responses" | "response_actions", motionId: number) =>
    (await db().selectFrom(table).select("id").where("motion_id", "=", motionId).execute()).length;

  it("an action due in 2020 is refused beside that action's due date, with everything typed kept, and nothing is published", async () => {
    const s = await carried();
    const commissioner = await signedIn(s.commissioner);
    const reply = await commissioner.post(s.path, {
      intent: "respond",
      position: "accept",
      reasons: "We will change the assessment form so that it asks about pets, and train assessors to use it.",
      summary: "We will ask about pets in every assessment.",
      "actions[0].description": "",
      "actions[0].owner": "",
      "actions[0].dueDate": "",
      "actions[1].description": "Add a question about pets to the form",
      "actions[1].owner": "Assessment team",
      "actions[1].dueDate": dateIn(30),
      "actions[2].description": "Train every assessor to ask about pets",
      "actions[2].owner": "Workforce team",
      "actions[2].dueDate": "2020-01-01",
    });
    expect(reply.status).toBe(400);
    const form = sectionOf(reply.html, "action-rows");
    // The message is tied to the third row's date field, the one it is about, and to no other.
    const input = /<input[^>]*name="actions\[2\]\.dueDate"[^>]*>/.exec(form)![0];
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('value="2020-01-01"');
    const errorId = /aria-describedby="[^"]*?(\S+-error)"/.exec(input)![1];
    expect(plain(sectionOf(form, errorId))).toBe("Error: The due date must be today or later.");
    expect(form.match(/The due date must be today or later/g)).toHaveLength(1);
    expect(/<input[^>]*name="actions\[1\]\.dueDate"[^>]*>/.exec(form)![0]).not.toContain("aria-invalid");
    expect(plain(form)).toContain("Train every assessor to ask about pets");
    expect(await countOf("responses", s.motionId)).toBe(0);
    expect(await countOf("response_actions", s.motionId)).toBe(0);
  });

  it("the publish button waits behind a details step that says the response is public and permanent", async () => {
    const s = await carried();
    const commissioner = await signedIn(s.commissioner);
    const form = /<form[^>]*id="respond"[\s\S]*?<\/form>/.exec((await commissioner.get(s.path)).html)![0];
    const confirm = /<details class="confirm"[^>]*>([\s\S]*?)<\/details>/.exec(form)!;
    expect(confirm[0]).not.toMatch(/<details class="confirm"[^>]*\bopen/);
    expect(plain(confirm[1])).toContain("Publish the response…");
    expect(plain(confirm[1])).toContain("Your response goes on the public record straight away");
    expect(plain(confirm[1])).toContain("It cannot be withdrawn or edited afterwards.");
    expect(confirm[1]).toMatch(/<button[^>]*name="intent"[^>]*value="respond"[^>]*>Yes, publish the response now<\/button>/);
    // The only submit button for the response is the one inside the confirmation.
    expect(form.replace(confirm[0], "")).not.toMatch(/value="respond"[^>]*>[^<]*<\/button>/);
  });

  it("the actions summary adds up when some are overdue: overdue is told inside the count it belongs to", async () => {
    const s = await carried();
    await services().responses.publish(s.commissioner, s.motionId, {
      position: "accept",
      reasons: "We will change the assessment form so that it asks about pets, and train assessors to use it.",
      summary: "We will ask about pets in every assessment.",
      actions: [
        { description: "Add a question about pets to the form", owner: "Assessment team", dueDate: dateIn(10) },
        { description: "Train every assessor to ask about pets", owner: "Workforce team", dueDate: dateIn(100) },
      ],
    });
    const visitor = new BrowserLikeClient(holder.server.url);
    const summary = async () => plain(sectionOf((await visitor.get(s.path)).html, "actions"));
    expect(await summary()).toContain("2 actions: 2 planned.");

    clock.advance(20 * DAY_MS);
    expect(await summary()).toContain("2 actions: 2 planned (1 of them overdue).");

    const [late] = await db().selectFrom("response_actions").select("id").where("motion_id", "=", s.motionId).orderBy("position").execute();
    await services().actions.update(s.commissioner, { actionId: late.id, status: "in_progress", progress: 40, note: "The new question is being tested." });
    const text = await summary();
    expect(text).toContain("2 actions: 1 in progress (overdue), 1 planned.");
    expect(text).not.toMatch(/\d+ overdue/);
  });
});
