// The search page over HTTP, as a reader without JavaScript uses it: ranked matches in motions,
// responses and promised actions with the words marked, the discussion apart, and cursor pages.
// Each test searches for its own made-up word, so tests sharing the server never see each other.
import { expect, it } from "vitest";
import { BrowserLikeClient, plain, textOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { createBody, createMember, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";
import { answeredMotion } from "./record-scenes";

/** Where each result links, in page order. */
const resultLinks = (html: string, section: string) => {
  const start = html.indexOf(`id="${section}"`);
  if (start < 0) return [];
  const end = html.indexOf("</section>", start);
  return [...html.slice(start, end).matchAll(/<a [^>]*href="(\/motions\/[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
};
/** The address a link goes to, found by its text (or its rel). */
const linkTo = (html: string, text: string | RegExp) => {
  for (const m of html.matchAll(/<a ([^>]*)>([\s\S]*?)<\/a>/g)) {
    const label = textOf(m[2]);
    if (typeof text === "string" ? label === text : text.test(m[1])) return /href="([^"]*)"/.exec(m[1])![1].replace(/&amp;/g, "&");
  }
  return null;
};
const nextPageLink = (html: string) => linkTo(html, /rel="next"/);

describeEachDatabase("searching the record over HTTP", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const client = () => new BrowserLikeClient(holder.server.url);

  it("finds a motion, its response and its promised action, says what each is, and marks the word found", async () => {
    const s = await answeredMotion(
      holder.server,
      { title: "Fund quillwort befriending for people leaving hospital", text: "This parliament calls on the board to fund quillwort befriending for everyone leaving a ward." },
      {
        reasons: "We will commission quillwort befriending across the borough from April.",
        actions: [{ description: "Recruit quillwort befrienders in every ward", owner: "Community team", dueDate: "2035-01-31" }],
      },
    );
    const page = await client().get("/search?q=quillwort");
    expect(page.status).toBe(200);
    expect(page.html).toContain("<title>Search: quillwort · ");
    const text = plain(page.html);
    expect(text).toContain("Results for “quillwort”, best match first.");
    expect(text).toContain(`Motion ${s.number}: Fund quillwort befriending for people leaving hospital`);
    expect(text).toContain(`Commissioner’s response to ${s.number}`);
    expect(text).toContain(`Promised action on ${s.number}`);
    expect(text).toContain(`To ${s.body.name}`);
    expect(text).toContain("Carried");
    expect(page.html).toMatch(/<mark>quillwort<\/mark>/i);
    // Each result links to its place on the motion page: the response section for answers.
    expect(resultLinks(page.html, "results-heading").sort()).toEqual(
      [`/motions/${s.number}`, `/motions/${s.number}#response`, `/motions/${s.number}#response`].sort(),
    );
    // The search is kept in the field, and the motion page really has the section linked to.
    expect(page.html).toMatch(/<input [^>]*id="search-q"[^>]*value="quillwort"/);
    expect((await client().get(`/motions/${s.number}`)).html).toContain('id="response"');
    // A phrase typed in quotes is shown as typed, not wrapped in a second pair.
    expect(plain((await client().get(`/search?q=${encodeURIComponent('"quillwort befriending"')}`)).html)).toContain('Results for "quillwort befriending", best match first.');
  });

  it("shows posts that mention the words as 'mentioned in discussion', linking to each post, with more on their own pages", async () => {
    const db = holder.server.database.db;
    const body = await createBody(db);
    const proposer = await createMember(db);
    const { id, number } = await holder.server.services.motions.raise(
      proposer,
      motionInput(body.id, { title: "Longer opening hours for the crisis café" }),
      { publish: true },
    );
    const members = [await createMember(db), await createMember(db)];
    const posts: number[] = [];
    for (let i = 0; i < 27; i++) {
      const { postId } = await holder.server.services.threads.post(members[i % 2], id, {
        stance: "for",
        body: `The marrowfat bus (${i}) stops outside at night, so people could get there.`,
      });
      posts.push(postId);
    }
    const page = await client().get("/search?q=marrowfat");
    expect(page.status).toBe(200);
    const text = plain(page.html);
    expect(text).toContain("Mentioned in discussion");
    expect(text).toContain("No motions, responses or actions match, but members have mentioned it in discussion.");
    const newestFirst = [...posts].reverse();
    expect(resultLinks(page.html, "discussion-heading").slice(0, 5)).toEqual(newestFirst.slice(0, 5).map((p) => `/motions/${number}#post-${p}`));
    expect(page.html).toMatch(/<mark>marrowfat<\/mark>/i);
    // The motion page has an anchor for every post the results link to.
    expect((await client().get(`/motions/${number}`)).html).toContain(`id="post-${newestFirst[0]}"`);

    const more = linkTo(page.html, "More from the discussion");
    expect(more).toBe("/search?q=marrowfat&in=discussion");
    const discussion = await client().get(more!);
    expect(plain(discussion.html)).toContain("Posts in the discussion mentioning “marrowfat”");
    const first = resultLinks(discussion.html, "discussion-heading");
    expect(first).toHaveLength(20);
    const second = await client().get(nextPageLink(discussion.html)!);
    const rest = resultLinks(second.html, "discussion-heading");
    expect([...first, ...rest]).toEqual(newestFirst.map((p) => `/motions/${number}#post-${p}`));
    expect(nextPageLink(second.html)).toBeNull();
    expect(linkTo(second.html, "← Back to the first page")).toBe("/search?q=marrowfat&in=discussion");
  });

  it("pages with a stable cursor: every match once, in order, even when a new match is published meanwhile", async () => {
    const db = holder.server.database.db;
    const body = await createBody(db);
    const proposer = await createMember(db);
    const numbers: string[] = [];
    for (let i = 0; i < 23; i++) {
      const { number } = await holder.server.services.motions.raise(
        proposer,
        motionInput(body.id, { title: `Gorseland peer group number ${i}` }),
        { publish: true },
      );
      numbers.push(number!);
    }
    const first = await client().get("/search?q=gorseland&sort=oldest");
    const firstLinks = resultLinks(first.html, "results-heading");
    expect(firstLinks).toEqual(numbers.slice(0, 20).map((n) => `/motions/${n}`));
    expect(first.html).not.toContain("Back to the first page");
    const next = nextPageLink(first.html)!;
    expect(next).toMatch(/^\/search\?q=gorseland&sort=oldest&after=[\w-]+$/);

    // A motion published after the first page was read does not shift the second page.
    await holder.server.services.motions.raise(proposer, motionInput(body.id, { title: "Gorseland latecomer" }), { publish: true });
    const second = await client().get(next);
    expect(second.status).toBe(200);
    expect(resultLinks(second.html, "results-heading").slice(0, 3)).toEqual(numbers.slice(20).map((n) => `/motions/${n}`));
    expect(plain(second.html)).toContain("(more results)");
    expect(linkTo(second.html, "← Back to the first page")).toBe("/search?q=gorseland&sort=oldest");
  });

  it("never shows markup from the record as markup: the words found are marked, everything else is text", async () => {
    const db = holder.server.database.db;
    const body = await createBody(db);
    const proposer = await createMember(db);
    await holder.server.services.motions.raise(
      proposer,
      motionInput(body.id, {
        title: "Hawkweed <script>alert(1)</script> & <b>bold</b>",
        text: "This parliament calls for hawkweed <img src=x onerror=alert(1)> to be \u0002listed\u0003 everywhere.",
      }),
      { publish: true },
    );
    const page = await client().get("/search?q=hawkweed");
    expect(page.status).toBe(200);
    expect(page.html).not.toContain("<script>alert(1)</script>");
    expect(page.html).not.toContain("<img src=x");
    expect(page.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.html).toMatch(/<mark>hawkweed<\/mark>/i);
  });

  it("invites a search, and says calmly when nothing matches, with suggestions", async () => {
    const empty = await client().get("/search");
    expect(empty.status).toBe(200);
    expect(empty.html).toContain("<title>Search the record · ");
    expect(plain(empty.html)).toContain("Search motions, commissioners' responses, promised actions and what members said in discussion.");
    expect(empty.html).toContain('<label for="search-q">Words to search for</label>');

    const nothing = await client().get("/search?q=xylophonic");
    expect(nothing.status).toBe(200);
    const text = plain(nothing.html);
    expect(text).toContain("Nothing in the record matches “xylophonic”.");
    expect(text).toContain("check the spelling");
    expect(linkTo(nothing.html, "browse every motion")).toBe("/motions");
  });

  it("offers search from the header of every page and from the page-not-found page", async () => {
    const home = await client().get("/");
    expect(home.html).toMatch(/<form method="get" action="\/search" role="search" aria-label="Site"/);
    expect(home.html).toContain('<label for="site-search" class="visually-hidden">Search the record</label>');
    const missing = await client().get("/no-such-page");
    expect(missing.status).toBe(404);
    expect(missing.html).toContain("<title>We could not find that page · ");
    expect(missing.html).toContain('<label for="not-found-search">Search the record instead</label>');
  });
});
