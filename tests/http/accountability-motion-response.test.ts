// Answering a carried motion on its page, over HTTP as a browser without JavaScript: the
// commissioner's response with its actions, holding replies, and progress reports on each
// action, with the refusals that keep other bodies' commissioners out.
import { expect, it } from "vitest";
import { DAY_MS } from "../../server/domain/time";
import { BrowserLikeClient, plain, sectionOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { createBody, createCommissioner } from "../support/factories";
import { useResponseServer } from "./response-scenes";

const blankRows = {
  "actions[0].description": "",
  "actions[0].owner": "",
  "actions[0].dueDate": "",
  "actions[1].description": "",
  "actions[1].owner": "",
  "actions[1].dueDate": "",
  "actions[2].description": "",
  "actions[2].owner": "",
  "actions[2].dueDate": "",
};

describeEachDatabase("answering a carried motion on its page", (dialect) => {
  const { clock, holder, db, services, dateIn, signedIn, carried } = useResponseServer(dialect);

  /** Answered through the service, with the actions given. */
  async function answered(actions: { description: string; owner: string; dueDate: string }[]) {
    const s = await carried();
    await services().responses.publish(s.commissioner, s.motionId, {
      position: "accept",
      reasons: "We will do what the motion asks, step by step, and report on each step here.",
      summary: "Yes: we will do it, in steps.",
      actions,
    });
    const rows = await db().selectFrom("response_actions").selectAll().where("motion_id", "=", s.motionId).orderBy("position").execute();
    return { ...s, actions: rows };
  }

  const responsesOf = (motionId: number) => db().selectFrom("responses").selectAll().where("motion_id", "=", motionId).execute();
  const actionsOf = (motionId: number) =>
    db().selectFrom("response_actions").selectAll().where("motion_id", "=", motionId).orderBy("position").execute();
  const auditOf = (motionId: number) => db().selectFrom("audit_log").select(["seq", "type"]).where("motion_id", "=", motionId).orderBy("seq").execute();

  it("the commissioner publishes a response with two actions through the form; the empty third row is left out", async () => {
    const s = await carried();
    const commissioner = await signedIn(s.commissioner);
    const form = plain(sectionOf((await commissioner.get(s.path)).html, "response"));
    expect(form).toContain("Publish your response");
    expect(form).toContain("Who is responsible A team or role, not a person's name");

    const published = await commissioner.post(s.path, {
      intent: "respond",
      position: "accept_in_part",
      reasons: "We will add peer workers to the night line from April, but cannot yet fund weekends.",
      summary: "Peer workers on weeknights from April; weekends later.",
      ...blankRows,
      "actions[0].description": "Recruit four peer workers for the night line",
      "actions[0].owner": "Crisis line manager",
      "actions[0].dueDate": dateIn(40),
      "actions[1].description": "Report on the first three months to the parliament",
      "actions[1].owner": "Mental health commissioning lead",
      "actions[1].dueDate": dateIn(130),
    });
    expect(published.status).toBe(302);
    expect(published.location).toBe(`${s.path}#response`);
    expect(plain((await commissioner.follow(published)).html)).toContain("Your response is published. Thank you for answering in public.");

    const rows = await actionsOf(s.motionId);
    expect(rows.map((a) => [a.description, a.owner, a.status, a.progress])).toEqual([
      ["Recruit four peer workers for the night line", "Crisis line manager", "planned", 0],
      ["Report on the first three months to the parliament", "Mental health commissioning lead", "planned", 0],
    ]);

    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    const answer = plain(sectionOf(page.html, "response"));
    expect(answer).toContain("Accept in part");
    expect(answer).toContain("In short: Peer workers on weeknights from April; weekends later.");
    expect(answer).toContain("Published on time.");
    const actions = sectionOf(page.html, "actions");
    expect(plain(actions)).toContain("2 actions: 2 planned.");
    expect(plain(actions)).toContain("Action 1: Recruit four peer workers for the night line");
    expect(plain(actions)).toContain("Who is responsible Crisis line manager");
    expect(plain(actions)).toContain("Action 2: Report on the first three months to the parliament");
    expect(actions).toContain('<progress value="0" max="100" aria-hidden="true">');
    expect(plain(actions)).toContain("0% done");
    expect(actions).not.toContain("Action 3");
    expect(plain(sectionOf(page.html, "record"))).toContain(
      `${s.commissioner.displayName} published the response from ${s.body.name}: Accept in part. It promises 2 actions.`,
    );
  });

  it("accepting without an action is refused at the actions list, and nothing is written", async () => {
    const s = await carried();
    const before = await auditOf(s.motionId);
    const commissioner = await signedIn(s.commissioner);
    const refused = await commissioner.post(s.path, {
      intent: "respond",
      position: "accept",
      reasons: "We accept the motion in full and will make it happen this year.",
      summary: "Yes, in full, this year.",
      ...blankRows,
    });
    expect(refused.status).toBe(400);
    const list = sectionOf(refused.html, "action-rows");
    const message = "Accepting (even in part) means saying what will be done: add at least one action.";
    expect(plain(list)).toContain(message);
    const errorId = /<div id="([^"]+)" class="field-error">/.exec(list)![1];
    expect(list).toMatch(new RegExp(`<fieldset[^>]*aria-describedby="[^"]*${errorId.replace(/[[\].]/g, "\\$&")}`));
    // What was typed stays, so nothing has to be written twice.
    expect(refused.html).toContain("We accept the motion in full and will make it happen this year.</textarea>");
    expect(await responsesOf(s.motionId)).toEqual([]);
    expect(await auditOf(s.motionId)).toEqual(before);
  });

  it("declining needs no actions", async () => {
    const s = await carried();
    const commissioner = await signedIn(s.commissioner);
    const declined = await commissioner.post(s.path, {
      intent: "respond",
      position: "decline",
      reasons: "There is no money for this in the coming year, and the service is being re-tendered.",
      summary: "Not this year: no money, and the service is being re-tendered.",
      ...blankRows,
    });
    expect(declined.status).toBe(302);
    expect(await actionsOf(s.motionId)).toEqual([]);
    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    expect(plain(sectionOf(page.html, "response"))).toContain("Decline");
    expect(plain(sectionOf(page.html, "actions"))).toContain("The response promised no actions.");
  });

  it("'Add more action rows' comes back with one more row and everything typed kept, and writes nothing", async () => {
    const s = await carried();
    const commissioner = await signedIn(s.commissioner);
    const form = (await commissioner.get(s.path)).html;
    const button = /<button[^>]*name="__intent__"[^>]*value="([^"]+)"[^>]*>Add more action rows<\/button>/.exec(form);
    expect(button).not.toBeNull();
    const more = await commissioner.post(s.path, {
      intent: "respond",
      position: "accept",
      reasons: "We will do all of it, starting with the night line.",
      summary: "",
      ...blankRows,
      "actions[0].description": "Recruit four peer workers",
      "actions[0].owner": "Crisis line manager",
      "actions[0].dueDate": dateIn(30),
      __intent__: button![1].replace(/&quot;/g, '"'),
    });
    expect(more.status).toBe(200);
    const rows = sectionOf(more.html, "action-rows");
    expect(rows.match(/name="actions\[\d\]\.description"/g)).toHaveLength(4);
    expect(plain(rows)).toMatch(/Action 1 .*Action 2 .*Action 3 .*Action 4 What will be done/);
    expect(rows).toContain(">Recruit four peer workers</textarea>");
    expect(rows).toContain('value="Crisis line manager"');
    expect(rows).toContain(`value="${dateIn(30)}"`);
    expect(more.html).toContain("We will do all of it, starting with the night line.</textarea>");
    expect(more.html).toMatch(/value="accept" checked=""|checked="" value="accept"/);
    // Not a failed attempt: no error is shown for the summary that is still to be written.
    expect(more.html).not.toContain('class="field-error"');
    expect(await responsesOf(s.motionId)).toEqual([]);
  });

  it("a commissioner of another body is refused with 403 and nothing changes", async () => {
    const s = await answered([{ description: "Add a question about pets to the form", owner: "Assessment team", dueDate: dateIn(60) }]);
    const other = await carried();
    const elsewhere = await createBody(db(), { name: "Another Council" });
    const outsider = await signedIn(await createCommissioner(db(), elsewhere.id));
    const before = [await auditOf(s.motionId), await auditOf(other.motionId)];

    const respond = await outsider.post(other.path, {
      intent: "respond",
      position: "decline",
      reasons: "We are not the body this motion is addressed to at all.",
      summary: "Not ours to answer.",
      ...blankRows,
    });
    expect(respond.status).toBe(403);
    expect(plain(sectionOf(respond.html, "response"))).toContain("Only commissioners of the body this motion is addressed to can respond to it.");

    const holding = await outsider.post(other.path, { intent: "holding-reply", reason: "We need more time to look at this properly.", expectedDate: dateIn(20) });
    expect(holding.status).toBe(403);
    expect(plain(sectionOf(holding.html, "response"))).toContain("Only commissioners of the body this motion is addressed to can post a holding reply.");

    const update = await outsider.post(s.path, { intent: "update-action", actionId: s.actions[0].id, status: "done", progress: 100, note: "Done, we say." });
    expect(update.status).toBe(403);
    expect(plain(sectionOf(update.html, "actions"))).toContain(
      "Only commissioners of the body this motion is addressed to can report progress on its actions.",
    );

    const member = await signedIn(s.members[0]);
    const byMember = await member.post(s.path, { intent: "update-action", actionId: s.actions[0].id, status: "done", progress: 100, note: "Done, we say." });
    expect(byMember.status).toBe(403);

    expect(await responsesOf(other.motionId)).toEqual([]);
    expect(await actionsOf(s.motionId)).toEqual(s.actions);
    expect([await auditOf(s.motionId), await auditOf(other.motionId)]).toEqual(before);
  });

  it("a holding reply is shown to everyone, and the motion still shows as overdue", async () => {
    const s = await carried();
    clock.advance(60 * DAY_MS);
    const commissioner = await signedIn(s.commissioner);
    const tooShort = await commissioner.post(s.path, { intent: "holding-reply", reason: "Soon.", expectedDate: dateIn(14) });
    expect(tooShort.status).toBe(400);
    expect(plain(sectionOf(tooShort.html, "response"))).toContain("Why the response is late needs at least 20 characters.");

    const posted = await commissioner.post(s.path, {
      intent: "holding-reply",
      reason: "The board decides the crisis budget at its meeting next month.",
      expectedDate: dateIn(14),
    });
    expect(posted.status).toBe(302);
    expect(plain((await commissioner.follow(posted)).html)).toContain("Your holding reply is published.");

    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    const response = plain(sectionOf(page.html, "response"));
    expect(response).toContain("Overdue by 4 days.");
    expect(response).toContain(`Holding replies from ${s.body.name}`);
    expect(response).toContain("The clock keeps running");
    expect(response).toContain("Why it is late: The board decides the crisis budget at its meeting next month.");
    expect(response).toMatch(/Now expected by: \d{1,2} \w+ \d{4}/);
    expect(page.html).toContain('<span class="tag bad">Response overdue</span>');
    expect(plain(sectionOf(page.html, "record"))).toContain(`${s.commissioner.displayName} posted a holding reply for ${s.body.name}`);
  });

  it("progress reported through the form shows on the motion page and on the you-said-we-did page; done counts as 100%", async () => {
    const s = await answered([
      { description: "Add a question about pets to the assessment form", owner: "Assessment team", dueDate: dateIn(60) },
      { description: "Train assessors to ask about pets", owner: "Workforce development team", dueDate: dateIn(90) },
    ]);
    const [first, second] = s.actions;
    const commissioner = await signedIn(s.commissioner);
    const form = sectionOf((await commissioner.get(s.path)).html, `action-${first.id}`);
    expect(plain(form)).toContain("Report progress on action 1");

    const moved = await commissioner.post(s.path, {
      intent: "update-action",
      actionId: first.id,
      status: "in_progress",
      progress: 40,
      note: "A draft question is being tested with five members.",
      dropReason: "",
    });
    expect(moved.status).toBe(302);
    expect(moved.location).toBe(`${s.path}#action-${first.id}`);

    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    const action = sectionOf(page.html, `action-${first.id}`);
    expect(plain(action)).toContain("In progress");
    expect(action).toContain('<progress value="40" max="100" aria-hidden="true">');
    expect(plain(action)).toContain("40% done");
    expect(plain(action)).toContain("Progress updates (1)");
    expect(plain(action)).toContain("A draft question is being tested with five members.");
    expect(plain(sectionOf(page.html, "record"))).toContain(`${s.commissioner.displayName} reported progress on action 1: In progress, 40%.`);

    const story = await new BrowserLikeClient(holder.server.url).get(`${s.path}/you-said-we-did`);
    expect(story.status).toBe(200);
    const storyAction = plain(sectionOf(story.html, `action-${first.id}`));
    expect(storyAction).toContain("40% done");
    expect(storyAction).toContain("A draft question is being tested with five members.");

    // Done is 100% whatever percentage was typed.
    const done = await commissioner.post(s.path, {
      intent: "update-action",
      actionId: second.id,
      status: "done",
      progress: 10,
      note: "Every assessor has had the training.",
    });
    expect(done.status).toBe(302);
    const afterDone = await actionsOf(s.motionId);
    expect(afterDone.map((a) => [a.status, a.progress])).toEqual([
      ["in_progress", 40],
      ["done", 100],
    ]);
    const donePage = await new BrowserLikeClient(holder.server.url).get(s.path);
    expect(sectionOf(donePage.html, `action-${second.id}`)).toContain('<progress value="100" max="100" aria-hidden="true">');
    // A settled action takes no more reports.
    expect(sectionOf((await commissioner.get(s.path)).html, `action-${second.id}`)).not.toContain("Report progress");
  });

  it("dropping an action without a reason is refused beside that field, and nothing is written", async () => {
    const s = await answered([{ description: "Open a crisis café on Saturdays", owner: "Crisis services manager", dueDate: dateIn(60) }]);
    const [action] = s.actions;
    const commissioner = await signedIn(s.commissioner);
    const refused = await commissioner.post(s.path, {
      intent: "update-action",
      actionId: action.id,
      status: "dropped",
      progress: 0,
      note: "We are stopping this.",
      dropReason: "",
    });
    expect(refused.status).toBe(400);
    const form = sectionOf(refused.html, `action-${action.id}`);
    expect(form).toMatch(/<details class="update-action" open="">/);
    expect(plain(form)).toMatch(/Why it was dropped \(only if you chose Dropped\).*Say why the action was dropped\./);
    expect(await actionsOf(s.motionId)).toEqual(s.actions);
    expect(await db().selectFrom("action_updates").selectAll().where("action_id", "=", action.id).execute()).toEqual([]);
  });

  it("when every action is done or dropped, the record shows as closed", async () => {
    const s = await answered([
      { description: "Add a question about pets to the assessment form", owner: "Assessment team", dueDate: dateIn(60) },
      { description: "Pay for pet care during hospital stays", owner: "Finance team", dueDate: dateIn(90) },
    ]);
    const commissioner = await signedIn(s.commissioner);
    await commissioner.post(s.path, {
      intent: "update-action",
      actionId: s.actions[1].id,
      status: "dropped",
      progress: 0,
      note: "We looked at the cost.",
      dropReason: "The law does not let us pay for pet care.",
    });
    const last = await commissioner.post(s.path, {
      intent: "update-action",
      actionId: s.actions[0].id,
      status: "done",
      progress: 100,
      note: "The question is on every form.",
    });
    expect(last.status).toBe(302);
    expect(last.location).toBe(`${s.path}#response`);
    expect(plain((await commissioner.follow(last)).html)).toContain("this motion's record is closed");

    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    const response = plain(sectionOf(page.html, "response"));
    expect(response).toMatch(/This record is closed\. Closed on \d{1,2} \w+ \d{4}: every promised action is done or dropped/);
    expect(page.html).toContain('<span class="tag good">Closed</span>');
    const dropped = plain(sectionOf(page.html, `action-${s.actions[1].id}`));
    expect(dropped).toContain("Dropped");
    expect(dropped).toContain("Why it was dropped The law does not let us pay for pet care.");
    expect(plain(sectionOf(page.html, "record"))).toContain("This motion's record closed by itself: every promised action is done or dropped.");
  });
});
