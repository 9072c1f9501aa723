// A live sitting over HTTP, as a browser without JavaScript: the chair schedules it and builds
// its agenda with forms, runs the debate and a live ballot; members ask to speak and vote with
// forms; the public watches without forms; and the minutes tell what happened.
import { expect, it } from "vitest";
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { BrowserLikeClient, plain, sectionOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createBody, createChair, createMember, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

const TIME_ZONE = "Europe/London";

describeEachDatabase("a live sitting through plain forms", (dialect) => {
  // A tiny quorum: every test adds members to the same database, and results must not depend on how many.
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const db = () => holder.server.database.db;
  const services = () => holder.server.services;
  const inDays = (days: number) => epochToZonedLocal(Date.now() + days * DAY_MS, TIME_ZONE);
  const countSittings = async () => Number((await db().selectFrom("sittings").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  const motionStatus = async (motionId: number) =>
    (await db().selectFrom("motions").select("status").where("id", "=", motionId).executeTakeFirstOrThrow()).status;
  const sittingStatus = async (sittingId: number) =>
    (await db().selectFrom("sittings").select("status").where("id", "=", sittingId).executeTakeFirstOrThrow()).status;

  const signedIn = (person: TestPerson) => BrowserLikeClient.signedIn(holder.server.url, person);

  /** A chair, members, and a motion with enough seconders to go on an agenda. */
  async function cast() {
    const body = await createBody(db());
    const chair = await createChair(db());
    const [kestrel, willow, harbour, proposer] = [
      await createMember(db(), { displayName: `Kestrel ${Math.random().toString(36).slice(2, 6)}` }),
      await createMember(db(), { displayName: `Willow ${Math.random().toString(36).slice(2, 6)}` }),
      await createMember(db(), { displayName: `Harbour ${Math.random().toString(36).slice(2, 6)}` }),
      await createMember(db()),
    ];
    const { id, number } = await services().motions.raise(proposer, motionInput(body.id, { title: "Peer workers on the night crisis line" }), {
      publish: true,
    });
    await services().motions.second(kestrel, id);
    await services().motions.second(willow, id);
    return { chair, kestrel, willow, harbour, proposer, motionId: id, number: number! };
  }

  async function scheduled(chair: TestPerson, title = "Spring sitting") {
    const { sittingId } = await services().sittings.schedule(chair, { title, startsAt: inDays(1), place: "Community hall" });
    return { sittingId, path: `/sittings/${sittingId}` };
  }

  it("the chair schedules a sitting with the form; bad input gets messages beside the fields and writes nothing", async () => {
    const chair = await signedIn(await createChair(db()));
    const form = await chair.get("/sittings/new");
    expect(form.status).toBe(200);
    expect(form.html).toMatch(/<input[^>]*type="datetime-local"[^>]*name="startsAt"|<input[^>]*name="startsAt"[^>]*type="datetime-local"/);
    expect(plain(form.html)).toContain(`in the parliament's time zone (${TIME_ZONE})`);
    const before = await countSittings();

    const empty = await chair.post("/sittings/new", { intent: "schedule", title: "", startsAt: "", place: "", onlineLink: "", speakingMinutes: "" });
    expect(empty.status).toBe(400);
    expect(plain(empty.html)).toContain("Title is required.");
    expect(plain(empty.html)).toContain("Choose the date and time.");

    const past = await chair.post("/sittings/new", { intent: "schedule", title: "Yesterday's sitting", startsAt: inDays(-1), place: "Town hall" });
    expect(past.status).toBe(400);
    expect(plain(past.html)).toContain("A sitting cannot be scheduled in the past.");
    expect(past.html).toContain('value="Yesterday&#x27;s sitting"');

    const nowhere = await chair.post("/sittings/new", { intent: "schedule", title: "Nowhere sitting", startsAt: inDays(2), place: "", onlineLink: "" });
    expect(nowhere.status).toBe(400);
    expect(plain(nowhere.html)).toContain("Give a place, an online link, or both.");
    expect(await countSittings()).toBe(before);

    const created = await chair.post("/sittings/new", {
      intent: "schedule",
      title: "April sitting",
      startsAt: inDays(3),
      place: "",
      onlineLink: "https://meet.example.org/april",
      speakingMinutes: "4",
    });
    expect(created.status).toBe(302);
    expect(created.location).toMatch(/^\/sittings\/\d+#agenda$/);
    const page = plain((await chair.follow(created)).html);
    expect(page).toContain("The sitting is scheduled. Now add seconded motions to its agenda.");
    expect(page).toContain("April sitting");
    expect(page).toContain("Scheduled");
    expect(page).toContain("Speaking time: about 4 minutes each.");
    expect(await countSittings()).toBe(before + 1);
  });

  it("from agenda to a carried motion: the chair runs the debate and a live ballot, members speak and vote, the minutes record it", async () => {
    const c = await cast();
    const { sittingId, path } = await scheduled(c.chair);
    const chair = await signedIn(c.chair);

    // The agenda is built from seconded motions; the motion becomes Scheduled.
    const agenda = await chair.get(path);
    expect(sectionOf(agenda.html, "agenda")).toContain(`<option value="${c.motionId}">${c.number}: Peer workers on the night crisis line</option>`);
    const added = await chair.post(path, { intent: "add-item", motionId: c.motionId });
    expect(added.status).toBe(302);
    expect(plain((await chair.follow(added)).html)).toContain(`${c.number} is on the agenda.`);
    expect(await motionStatus(c.motionId)).toBe("scheduled");
    const [item] = await db().selectFrom("agenda_items").selectAll().where("sitting_id", "=", sittingId).execute();

    expect((await chair.post(path, { intent: "open" })).status).toBe(302);
    expect(await sittingStatus(sittingId)).toBe("open");
    const started = await chair.follow(await chair.post(path, { intent: "start-item", itemId: item.id }));
    expect(plain(sectionOf(started.html, "now"))).toContain(`${c.number} Peer workers on the night crisis line In debate`);

    // Members ask to speak; the point of order goes to the front of the queue.
    const kestrel = await signedIn(c.kestrel);
    const willow = await signedIn(c.willow);
    const harbour = await signedIn(c.harbour);
    const asked = await kestrel.post(path, { intent: "speak", itemId: item.id, kind: "speech" });
    expect(asked.status).toBe(302);
    expect(plain((await kestrel.follow(asked)).html)).toContain("You are in the queue to speak.");
    await willow.follow(await willow.post(path, { intent: "speak", itemId: item.id, kind: "point_of_order" }));
    const queue = plain(sectionOf((await harbour.get(path)).html, "speakers"));
    expect(queue).toMatch(new RegExp(`Waiting to speak ${c.willow.displayName} Point of order ${c.kestrel.displayName} To speak`));
    expect(queue).toContain("Nobody is speaking at the moment.");

    const called = await chair.follow(await chair.post(path, { intent: "next-speaker", itemId: item.id }));
    expect(plain(called.html)).toContain(`${c.willow.displayName} is now speaking.`);
    expect(plain(sectionOf(called.html, "speakers"))).toContain(`Now speaking: ${c.willow.displayName} Point of order`);
    await chair.post(path, { intent: "next-speaker", itemId: item.id });

    // A live ballot: members vote with the form and see their own vote.
    const opened = await chair.post(path, { intent: "open-ballot", itemId: item.id, kind: "recorded", rule: "simple" });
    expect(opened.status).toBe(302);
    const ballot = await db().selectFrom("ballots").selectAll().where("sitting_id", "=", sittingId).executeTakeFirstOrThrow();
    expect(ballot).toMatchObject({ status: "open", mode: "live", agenda_item_id: item.id });
    const votePage = await kestrel.get(path);
    expect(plain(sectionOf(votePage.html, "ballot"))).toContain("How do you vote?");
    const voted = await kestrel.follow(await kestrel.post(path, { intent: "vote", ballotId: ballot.id, choice: "for" }));
    expect(plain(voted.html)).toContain("Your vote was recorded: For.");
    expect(plain(sectionOf(voted.html, "ballot"))).toContain("Your vote: For. You can change it until voting closes.");
    await willow.follow(await willow.post(path, { intent: "vote", ballotId: ballot.id, choice: "for" }));
    await harbour.follow(await harbour.post(path, { intent: "vote", ballotId: ballot.id, choice: "against" }));
    const tally = plain(sectionOf((await chair.get(path)).html, "ballot"));
    expect(tally).toContain("Votes so far Choice Votes For 2 Against 1 Abstain 0");
    expect(tally).toContain("Turnout 3 votes cast so far");

    // The chair closes it: the result shows and the motion is carried.
    const closed = await chair.post(path, { intent: "close-ballot", itemId: item.id });
    expect(closed.status).toBe(302);
    const result = plain(sectionOf((await new BrowserLikeClient(holder.server.url).get(path)).html, "result"));
    expect(result).toContain(`Result on ${c.number}: Carried`);
    expect(result).toMatch(/3 of \d+ members voted; 1 was needed for quorum\. For 2, against 1, abstentions 0: a simple majority for the motion\./);
    expect(result).toContain("Simple majority (more for than against)");
    expect(result).toContain(`How each member voted, on the record of ${c.number}`);
    expect(sectionOf((await chair.get(path)).html, "result")).toContain(`href="/motions/${c.number}#ballot-${ballot.id}"`);
    expect(await motionStatus(c.motionId)).toBe("carried");

    // After the sitting closes, its page is the minutes.
    expect((await chair.post(path, { intent: "close" })).status).toBe(302);
    expect(await sittingStatus(sittingId)).toBe("closed");
    const minutesPage = await new BrowserLikeClient(holder.server.url).get(path);
    expect(minutesPage.html).toMatch(/<title>Minutes: Spring sitting · [^<]+<\/title>/);
    const minutes = plain(sectionOf(minutesPage.html, "minutes"));
    expect(minutes).toContain("Attendance 3 members");
    // Nobody watched this one from the public gallery (the signed-out watchers are counted live).
    expect(minutes).toContain("Public gallery Nobody watched online");
    for (const m of [c.kestrel, c.willow, c.harbour]) expect(minutes).toContain(m.displayName);
    expect(minutes).toMatch(
      new RegExp(`Speakers, in the order they were called: ${c.willow.displayName} \\(point of order\\), .* ${c.kestrel.displayName} \\(to speak\\), `),
    );
    expect(minutes).toContain("Recorded vote, carried. Simple majority (more for than against). Quorum 1 of");
    expect(minutes).toContain("For Against Abstentions Turnout 2 1 0 3");
    expect(minutesPage.html).not.toMatch(/method="post"/);
  });

  it("a member cannot use the chair's controls: a 403 with a plain message, and nothing changes", async () => {
    const c = await cast();
    const { sittingId, path } = await scheduled(c.chair);
    const member = await signedIn(c.kestrel);
    const page = await member.get(path);
    expect(page.html).not.toContain('value="open"');
    expect(page.html).not.toContain('name="motionId"');

    const opened = await member.post(path, { intent: "open" });
    expect(opened.status).toBe(403);
    expect(plain(sectionOf(opened.html, "page-errors"))).toContain("Only the chair can open a sitting.");
    expect(await sittingStatus(sittingId)).toBe("scheduled");

    const added = await member.post(path, { intent: "add-item", motionId: c.motionId });
    expect(added.status).toBe(403);
    expect(plain(added.html)).toContain("Only the chair can build the agenda.");
    expect(await motionStatus(c.motionId)).toBe("seconded");
    expect(await db().selectFrom("agenda_items").selectAll().where("sitting_id", "=", sittingId).execute()).toEqual([]);
  });

  it("a form that fails on a long sitting page is summed up at the top, linking to the form", async () => {
    const c = await cast();
    const { sittingId, path } = await scheduled(c.chair, "Summary sitting");
    const { itemId } = await services().sittings.addToAgenda(c.chair, sittingId, { motionId: c.motionId });
    await services().sittings.open(c.chair, sittingId);
    await services().sittings.startItem(c.chair, { itemId });
    const member = await signedIn(c.kestrel);
    const refused = await member.post(path, { intent: "speak", itemId, kind: "shout" });
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/There is a problem[\s\S]*<a href="#speakers">/);
    expect(refused.html.indexOf("There is a problem")).toBeLessThan(refused.html.indexOf('id="speakers"'));
    expect(await db().selectFrom("speaker_requests").selectAll().where("item_id", "=", itemId).execute()).toEqual([]);
  });

  it("the public sees the sitting, its queue and its ballot, without a single form", async () => {
    const c = await cast();
    const { sittingId, path } = await scheduled(c.chair, "Public sitting");
    const { itemId } = await services().sittings.addToAgenda(c.chair, sittingId, { motionId: c.motionId });
    await services().sittings.open(c.chair, sittingId);
    await services().sittings.startItem(c.chair, { itemId });
    await services().sittings.requestToSpeak(c.kestrel, { itemId, kind: "question" });
    const { ballotId } = await services().liveBallots.open(c.chair, { itemId, kind: "secret", rule: "two_thirds" });
    await services().ballots.vote(c.willow, ballotId, { choice: "for" });

    const page = await new BrowserLikeClient(holder.server.url).get(path);
    expect(page.status).toBe(200);
    expect(page.html).not.toMatch(/<form[^>]*method="post"/);
    const text = plain(page.html);
    expect(text).toContain("Public sitting");
    expect(text).toContain("In session");
    expect(plain(sectionOf(page.html, "speakers"))).toContain(`${c.kestrel.displayName} A question`);
    const ballot = plain(sectionOf(page.html, "ballot"));
    expect(ballot).toContain("only the number of votes cast shows until voting closes: 1 vote so far.");
    expect(ballot).toContain("Two-thirds majority");
    expect(ballot).not.toContain("Votes so far");
    expect(plain(sectionOf(page.html, "agenda"))).toContain(`${c.number} Peer workers on the night crisis line Voting`);
    expect(sectionOf(page.html, "agenda")).toContain(`href="/motions/${c.number}"`);

    // A post without signing in goes to the sign-in page and changes nothing.
    const anonymous = await new BrowserLikeClient(holder.server.url).post(path, { intent: "vote", ballotId, choice: "against" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
  });

  it("a member who opens the page, even without JavaScript, is counted present", async () => {
    const c = await cast();
    const { sittingId, path } = await scheduled(c.chair, "Presence sitting");
    await services().sittings.open(c.chair, sittingId);
    const before = plain(sectionOf((await new BrowserLikeClient(holder.server.url).get(path)).html, "presence"));
    expect(before).toContain("0 members present");
    expect(before).toMatch(/Quorum is 1: not yet met/);

    await (await signedIn(c.harbour)).get(path);
    const after = sectionOf((await new BrowserLikeClient(holder.server.url).get(path)).html, "presence");
    expect(plain(after)).toContain("1 member present");
    expect(plain(after)).toContain("Quorum is 1: met");
    expect(after).toContain(`<li>${c.harbour.displayName}</li>`);
  });

  it("an unknown sitting is a 404 page", async () => {
    const client = new BrowserLikeClient(holder.server.url);
    expect((await client.get("/sittings/999999")).status).toBe(404);
    expect((await client.get("/sittings/not-a-number")).status).toBe(404);
    expect((await client.get("/sittings/99999999999999")).status).toBe(404);
  });
});
