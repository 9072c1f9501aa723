// What a new user found on the sitting screens, as a browser without JavaScript sees them: a
// sitting held early is dated by when it was held, and a held one offers no link to join; the
// chair confirms opening well before the scheduled time; "Call the next speaker" shows only when
// someone is waiting; the minutes say plainly when an item was not reached, and the vote counts
// sit in their own labelled scroll box so a phone never scrolls sideways.
import { expect, it } from "vitest";
import { formatDateTime } from "../../app/lib/format";
import { HOUR_MS, MINUTE_MS, epochToZonedLocal } from "../../server/domain/time";
import { BrowserLikeClient, plain, sectionOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createChair } from "../support/factories";
import { useTestServer } from "../support/server";
import { scheduleInput, sittingInDebate, sittingRow } from "../support/sittings";

const TIME_ZONE = "Europe/London";
const at = (epoch: number) => formatDateTime(epoch, TIME_ZONE);

/** The sitting page's header: its title, state, when and where, and the chair's controls. */
function headerOf(html: string): string {
  const start = html.indexOf('<header class="sitting-header"');
  expect(start, "the sitting header is on the page").toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</header>", start));
}

/** The visible text of the <section> a heading with this id names. */
function sectionText(html: string, headingId: string): string {
  const start = html.indexOf(`id="${headingId}"`);
  expect(start, `section ${headingId} is on the page`).toBeGreaterThan(-1);
  return plain(html.slice(html.lastIndexOf("<section", start), html.indexOf("</section>", start)));
}

describeEachDatabase("sitting screens say what happened, plainly", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const p = () => ({ services: holder.server.services, db: holder.server.database.db });
  const startsIn = (ms: number) => epochToZonedLocal(Date.now() + ms, TIME_ZONE);

  const signedIn = (person: TestPerson) => BrowserLikeClient.signedIn(holder.server.url, person);

  it("a sitting held a week early shows when it was held, in its header and the list, and no longer offers to join online", async () => {
    const chair = await createChair(p().db);
    const title = `Winter sitting ${Math.random().toString(36).slice(2, 6)}`;
    const { sittingId } = await p().services.sittings.schedule(
      chair,
      scheduleInput(p(), { title, startsAt: startsIn(8 * 24 * HOUR_MS), place: "Community hall", onlineLink: "https://meet.example.org/winter" }),
    );
    const before = headerOf((await new BrowserLikeClient(holder.server.url).get(`/sittings/${sittingId}`)).html);
    expect(before).toContain('href="https://meet.example.org/winter"');

    await p().services.sittings.open(chair, sittingId);
    await p().services.sittings.close(chair, sittingId);
    const { opened_at, closed_at, starts_at } = await sittingRow(p().db, sittingId);

    const header = headerOf((await new BrowserLikeClient(holder.server.url).get(`/sittings/${sittingId}`)).html);
    expect(plain(header)).toContain(`Closed Opened ${at(opened_at!)}, closed ${at(closed_at!)} · Community hall`);
    expect(plain(header)).toContain(`It was scheduled for ${at(starts_at)}.`);
    expect(header).not.toContain("Join online");
    expect(header).not.toContain("meet.example.org");

    const past = sectionText((await new BrowserLikeClient(holder.server.url).get("/sittings")).html, "past-heading");
    expect(past).toContain(`${title}: minutes Opened ${at(opened_at!)}, closed ${at(closed_at!)} · Community hall`);
    expect(past).not.toContain(at(starts_at));
  });

  it("the chair confirms opening a sitting more than an hour early; one about to start opens with a single button", async () => {
    const chair = await createChair(p().db);
    const { sittingId: early } = await p().services.sittings.schedule(chair, scheduleInput(p(), { startsAt: startsIn(26 * HOUR_MS) }));
    const { sittingId: soon } = await p().services.sittings.schedule(chair, scheduleInput(p(), { startsAt: startsIn(30 * MINUTE_MS) }));
    const client = await signedIn(chair);

    const earlyHeader = headerOf((await client.get(`/sittings/${early}`)).html);
    const confirm = /<details class="confirm"[^>]*><summary>Open the sitting early…<\/summary>([\s\S]*?)<\/details>/.exec(earlyHeader);
    expect(confirm, "opening early sits behind a confirmation").not.toBeNull();
    expect(plain(confirm![1])).toMatch(/This sitting is scheduled for .*, about 2[56] hours from now\. Open it now only if it is meeting now/);
    expect(confirm![1]).toMatch(/<button type="submit" name="intent" value="open"[^>]*>Open the sitting now<\/button>/);
    expect(earlyHeader.match(/value="open"/g)).toHaveLength(1);

    const soonHeader = headerOf((await client.get(`/sittings/${soon}`)).html);
    expect(soonHeader).not.toContain("Open the sitting early");
    expect(soonHeader).toMatch(/<button type="submit" name="intent" value="open"[^>]*>Open the sitting<\/button>/);

    // The confirmed button is a plain form post: it works without JavaScript.
    const opened = await client.post(`/sittings/${early}`, { intent: "open" });
    expect(opened.status).toBe(302);
    expect((await sittingRow(p().db, early)).status).toBe("open");
    expect(plain(headerOf((await client.follow(opened)).html))).toContain("In session Opened");
  });

  it("the chair is offered to call the next speaker only when someone is waiting", async () => {
    const scene = await sittingInDebate(p(), { motions: 1 });
    const chair = await signedIn(scene.chair);
    const path = `/sittings/${scene.sittingId}`;

    const empty = sectionOf((await chair.get(path)).html, "speakers");
    expect(plain(empty)).toContain("Nobody is waiting to speak.");
    expect(empty).not.toContain("Call the next speaker");
    expect(empty).not.toContain('value="next-speaker"');

    const [member] = scene.members;
    await p().services.sittings.requestToSpeak(member, { itemId: scene.items[0].itemId, kind: "speech" });
    const waiting = sectionOf((await chair.get(path)).html, "speakers");
    expect(plain(waiting)).toContain(`Call the next speaker: ${member.displayName}`);

    await chair.post(path, { intent: "next-speaker", itemId: scene.items[0].itemId });
    const speaking = sectionOf((await chair.get(path)).html, "speakers");
    expect(plain(speaking)).toContain(`Now speaking: ${member.displayName}`);
    expect(speaking).not.toContain("Call the next speaker");
  });

  it("the minutes say an item was not reached at this sitting, and the vote counts scroll in their own labelled box", async () => {
    const scene = await sittingInDebate(p(), { motions: 2 });
    const [first, second] = scene.items;
    const { ballotId } = await p().services.liveBallots.open(scene.chair, { itemId: first.itemId, kind: "recorded", rule: "simple" });
    await p().services.ballots.vote(scene.members[0], ballotId, { choice: "for" });
    await p().services.liveBallots.close(scene.chair, { itemId: first.itemId });
    await p().services.sittings.close(scene.chair, scene.sittingId);

    const minutes = sectionOf((await new BrowserLikeClient(holder.server.url).get(`/sittings/${scene.sittingId}`)).html, "minutes");
    const items = plain(minutes);
    expect(items).toContain(`${second.number}: Count pets as part of a person's circle of support Not reached at this sitting`);
    expect(items).not.toContain("Waiting");
    expect(items).not.toContain("not reached");
    expect(minutes).toMatch(
      new RegExp(`<div class="table-scroll" role="region" aria-label="Votes cast on ${first.number}: recorded vote, carried" tabindex="0"><table class="counts">`),
    );
  });
});
