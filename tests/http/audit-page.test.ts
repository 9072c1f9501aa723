// The /audit page as a browser without JavaScript sees it: every entry in plain words with a link
// to its subject, 50 to a page with stable older/newer links, GET filters kept across pages, and
// a 400 with the form and a plain message for values it cannot use.
import { expect, it } from "vitest";
import { formatDateTime } from "../../app/lib/format";
import { DAY_MS, HOUR_MS } from "../../server/domain/time";
import { appendAudit } from "../../server/services/audit";
import { BrowserLikeClient, textOf } from "../support/browser-like-client";
import { manualClock } from "../support/clock";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createChair } from "../support/factories";
import { type TestParliament, closingIn, openBallotOn, publishedMotion, secondedMotion } from "../support/parliament";
import { useTestServer } from "../support/server";

const seqsOn = (html: string) => [...html.matchAll(/<li id="entry-(\d+)"/g)].map((m) => Number(m[1]));
const decode = (href: string) => href.replace(/&amp;/g, "&");
function linkTo(html: string, label: string): string | null {
  const m = new RegExp(`<a [^>]*href="(/audit[^"]*)"[^>]*>[^<]*${label}`).exec(html);
  return m ? decode(m[1]) : null;
}

describeEachDatabase("the public audit log page", (dialect) => {
  const clock = manualClock();
  const holder = useTestServer(dialect, { clock });
  const parliament = () => {
    const s = holder.server;
    return { db: s.database.db, services: s.services, clock, rules: s.services.rules } as TestParliament;
  };
  const client = () => new BrowserLikeClient(holder.server.url);
  const allSeqsNewestFirst = async () =>
    (await holder.server.database.db.selectFrom("audit_log").select("seq").orderBy("seq", "desc").execute()).map((r) => r.seq);

  it("says calmly that nothing is recorded yet, and explains how to check the log", async () => {
    const page = await client().get("/audit");
    expect(page.status).toBe(200);
    expect(page.html).toContain("<title>Public audit log · ");
    const text = textOf(page.html);
    expect(text).toContain("Public audit log");
    expect(text).toContain("Nothing has been recorded yet.");
    expect(page.html).toContain('href="/audit.jsonl"');
    expect(page.html).toContain('href="/audit.md"');
    expect(text).not.toContain("The newest entry is number");
    const howTo = await fetch(`${holder.server.url}/audit.md`);
    expect(howTo.status).toBe(200);
    expect(await howTo.text()).toContain("# The public audit log, and how to check it");
  });

  it("tells each step in plain words: who, what, when, its number and fingerprint, and where to see it", async () => {
    const t = parliament();
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene, "secret");
    for (const m of [scene.proposer, ...scene.members]) await t.services.ballots.vote(m, ballotId, { choice: "for" });
    clock.advance(8 * DAY_MS);
    await t.services.ballots.closeDue();
    const { sittingId } = await t.services.sittings.schedule(await createChair(t.db), { title: "Spring sitting", startsAt: closingIn(t, 2), place: "Library" });
    const { slug } = await t.services.bodies.create(await createAdmin(t.db), { name: "Harbour Wellbeing Board", responsePeriodDays: 30 });

    const page = await client().get(`/audit?motion=${scene.number.toLowerCase()}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain(`Motion ${scene.number} was published`);
    expect(text).toContain(`By ${scene.proposer.displayName}`);
    expect(text).toContain(`A secret vote was cast on motion ${scene.number}.`);
    expect(text).toContain("By a member (secret ballot: who voted is never linked to how)");
    expect(text).toContain(`The vote on motion ${scene.number} closed at its set time. Result: Carried. For 5, against 0, abstain 0.`);
    expect(text).toContain("By the system (automatically, not a person)");
    // Whoever voted secretly is never named beside a vote.
    for (const m of scene.members) expect(text).not.toContain(`A secret vote was cast on motion ${scene.number}. By ${m.displayName}`);

    const db = holder.server.database.db;
    const closed = await db.selectFrom("audit_log").selectAll().where("type", "=", "ballot.closed").where("motion_id", "=", scene.motionId).executeTakeFirstOrThrow();
    // Counted a day after voting ended: the motion's story and its ballot box agree on when it ended.
    const ballot = await db.selectFrom("ballots").select("closed_at").where("id", "=", ballotId).executeTakeFirstOrThrow();
    const ended = formatDateTime(Number(ballot.closed_at), "Europe/London");
    expect(Number(closed.at) - Number(ballot.closed_at)).toBeGreaterThan(DAY_MS / 2);
    const motionText = textOf((await client().get(`/motions/${scene.number}`)).html);
    expect(motionText).toContain(`The vote closed at its set time, ${ended}. Result: Carried.`);
    expect(motionText).toContain(`Closed ${ended} (at its set time)`);
    expect(page.html).toContain(`href="/motions/${scene.number}#event-${closed.seq}"`);
    expect(text).toContain(`Entry ${closed.seq}`);
    expect(text).toContain(`Fingerprint ${closed.hash.slice(0, 12)}…`);
    expect(page.html).toContain(`<code>${closed.hash}</code>`);
    expect(page.html).toContain(`<code>${closed.prev_hash}</code>`);
    const motionPage = await client().get(`/motions/${scene.number}`);
    expect(motionPage.html).toContain(`id="event-${closed.seq}"`);

    const others = await client().get("/audit");
    expect(others.html).toContain(`href="/sittings/${sittingId}"`);
    expect(textOf(others.html)).toContain("A sitting was scheduled: “Spring sitting”");
    expect(others.html).toContain(`href="/motions?body=${slug}"`);
    expect(textOf(others.html)).toContain("The commissioning body “Harbour Wellbeing Board” was added. It has 30 days to respond to carried motions.");

    const head = await db.selectFrom("audit_log").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(others.html).toMatch(new RegExp(`The newest entry is number <strong>${head.seq}</strong>\\. Its fingerprint is:</p><p><code>${head.hash}</code>`));
  });

  it("pages 50 at a time, newest first: older and newer links cover every entry once, and a page stays put as entries arrive", async () => {
    const t = parliament();
    const scene = await publishedMotion(t);
    await t.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 130; i++) {
        await appendAudit(trx, clock.now(), { type: "motion.seconded", actorId: scene.members[0].id, subjectType: "motion", subjectId: scene.motionId, motionId: scene.motionId, payload: { number: scene.number, seconds: i } });
      }
    });
    const all = await allSeqsNewestFirst();
    const c = client();
    const pages: number[][] = [];
    let at: string | null = "/audit";
    while (at) {
      const page = await c.get(at);
      expect(page.status).toBe(200);
      pages.push(seqsOn(page.html));
      at = linkTo(page.html, "Older entries");
    }
    expect(pages.map((p) => p.length)).toEqual([...Array(Math.floor(all.length / 50)).fill(50), all.length % 50].filter(Boolean));
    expect(pages.flat()).toEqual(all);

    // Back again by the newer links, from the last page: the same pages, in reverse.
    const back: number[][] = [];
    let last = await c.get(`/audit?before=${pages[pages.length - 2].at(-1)}`);
    while (true) {
      back.push(seqsOn(last.html));
      const newer = linkTo(last.html, "← Newer entries");
      if (!newer) break;
      last = await c.get(newer);
    }
    expect(back).toEqual([...pages].reverse());

    // New entries arrive: the second page's address still shows exactly the same entries.
    const second = `/audit?before=${pages[0].at(-1)}`;
    await t.services.motions.second(scene.members[1], scene.motionId);
    expect(seqsOn((await c.get(second)).html)).toEqual(pages[1]);
    expect(seqsOn((await c.get("/audit")).html)[0]).toBe(all[0] + 1);
  });

  it("filters by what happened and by motion, keeping the filters on every page link", async () => {
    const t = parliament();
    const scene = await publishedMotion(t);
    const other = await publishedMotion(t);
    await t.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 60; i++) {
        for (const s of [scene, other]) {
          await appendAudit(trx, clock.now(), { type: "motion.seconded", actorId: s.members[0].id, subjectType: "motion", subjectId: s.motionId, motionId: s.motionId, payload: { number: s.number, seconds: i } });
        }
      }
    });
    const c = client();
    const first = await c.get(`/audit?type=motion.seconded&motion=${scene.number}`);
    expect(first.html).toContain('<option value="motion.seconded" selected="">');
    expect(first.html).toContain(`value="${scene.number}"`);
    expect(first.html).toContain('href="/audit">Clear filters</a>');
    expect(textOf(first.html)).toContain("Showing 50 entries that match these filters");
    const older = linkTo(first.html, "Older entries")!;
    expect(older).toMatch(new RegExp(`^/audit\\?type=motion\\.seconded&motion=${scene.number}&before=\\d+$`));
    const second = await c.get(older);
    expect(seqsOn(second.html)).toHaveLength(10);
    expect(linkTo(second.html, "Older entries")).toBeNull();
    expect(linkTo(second.html, "← Newer entries")).toMatch(/^\/audit\?type=motion\.seconded&motion=M-\d{4}-\d{3,}&after=\d+$/);

    const db = holder.server.database.db;
    const expected = await db.selectFrom("audit_log").select("seq").where("type", "=", "motion.seconded").where("motion_id", "=", scene.motionId).orderBy("seq", "desc").execute();
    expect([...seqsOn(first.html), ...seqsOn(second.html)]).toEqual(expected.map((r) => r.seq));

    const bySubject = await c.get("/audit?subject=body");
    expect(textOf(bySubject.html)).not.toContain("was seconded");
    const none = await c.get(`/audit?type=post.hidden&motion=${scene.number}`);
    expect(none.status).toBe(200);
    expect(textOf(none.html)).toContain("No entries match these filters");
    expect(none.html).toMatch(/<a [^>]*href="\/audit"[^>]*>clear the filters<\/a>/);
  });

  it("refuses filter values it cannot use with a 400, the form and a plain message, never an error page", async () => {
    const c = client();
    const cases: [string, string, string | null][] = [
      ["type=motion.vanished", "is not a kind of entry this log records", "filter-type"],
      ["subject=planet", "is not something entries are about", "filter-subject"],
      ["motion=%3Cscript%3E", "is not a motion number. Motion numbers look like M-2026-014.", "filter-motion"],
      ["from=2026-02-30", "is not a date", "filter-from"],
      ["to=yesterday", "is not a date", "filter-to"],
      ["from=2026-05-02&to=2026-05-01", "The “to” date is before the “from” date.", "filter-to"],
      ["before=-4", "is not an entry number", null],
      ["after=1e3", "is not an entry number", null],
      ["before=99999999999999999999", "is not an entry number", null],
      ["before=3&after=1", "both before and after", null],
    ];
    for (const [query, message, field] of cases) {
      const page = await c.get(`/audit?${query}`);
      expect(page.status, query).toBe(400);
      const text = textOf(page.html);
      expect(text, query).toContain(message);
      expect(text).toContain("Some of the filters could not be used, so no entries are shown.");
      expect(seqsOn(page.html)).toEqual([]);
      if (field) expect(page.html, query).toMatch(new RegExp(`id="${field}"[^>]*aria-describedby="[^"]*${field}-error" aria-invalid="true"`));
    }
    expect((await c.get("/audit?motion=%3Cscript%3E")).html).not.toContain("<SCRIPT>");
  });

  it("filters by date range, read as whole days in the parliament's time zone", async () => {
    const t = parliament();
    // 00:30 and 23:30 on 2 June 2027 in London (BST), then 00:30 on 3 June.
    const published: number[] = [];
    for (const at of [Date.UTC(2027, 5, 1, 23, 30), Date.UTC(2027, 5, 2, 22, 30), Date.UTC(2027, 5, 2, 23, 30)]) {
      clock.set(at);
      const scene = await publishedMotion(t);
      published.push((await t.db.selectFrom("audit_log").select("seq").where("motion_id", "=", scene.motionId).executeTakeFirstOrThrow()).seq);
    }
    const day = seqsOn((await client().get("/audit?type=motion.published&from=2027-06-02&to=2027-06-02")).html);
    expect(day).toEqual([published[1], published[0]]);
    const after = seqsOn((await client().get("/audit?type=motion.published&from=2027-06-03")).html);
    expect(after).toContain(published[2]);
    expect(after).not.toContain(published[1]);
    const before = seqsOn((await client().get("/audit?type=motion.published&to=2027-06-01")).html);
    expect(before).not.toContain(published[0]);
    clock.advance(HOUR_MS);
  });
});
