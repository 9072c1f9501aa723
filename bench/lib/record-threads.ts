// A motion's discussion: posts front-loaded after publication, replies to recent posts nesting
// as the thread service nests them (at most MAX_DEPTH deep), a few edited (with the earlier
// text kept), deleted, hidden by the chair (audited) or reported.
import { MAX_DEPTH } from "../../server/services/threads";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../server/domain/time";
import type { MotionPlan } from "./record-plan";
import { type Stance, hideReasons, postBody, reportReasons } from "./record-text";
import type { Theme } from "./record-themes";
import type { PostEvent } from "./record-timeline";
import { type BodyInfo, type World, chairAt, memberAt } from "./record-world";

export function planThread(world: World, m: { plan: MotionPlan; theme: Theme; body: BodyInfo }, endAt: number, nested: boolean) {
  const { rng, timeline, now } = world;
  const { plan } = m;
  const from = plan.publishedAt + 5 * MINUTE_MS;
  const until = Math.max(from + MINUTE_MS, Math.min(endAt, now - 2 * MINUTE_MS));
  const times = Array.from({ length: plan.posts }, () => from + (until - from) * Math.pow(rng.next(), 1.8)).sort((a, b) => a - b);
  const posts: PostEvent[] = [];
  for (const at of times) {
    let parent: PostEvent | null = null;
    if (posts.length && rng.chance(nested ? 0.6 : 0.45)) {
      // Mostly answering one of the last few posts: conversations happen in runs.
      parent = posts[posts.length - 1 - rng.skewed(Math.min(posts.length, 30), 1.5)];
      if (parent.depth >= MAX_DEPTH) parent = parent.parent;
    }
    const roll = rng.next();
    const author =
      roll < 0.05 ? plan.proposer : roll < 0.08 ? rng.pick(m.body.commissioners) : roll < 0.09 ? chairAt(world, at) : memberAt(world, at);
    const stance = rng.weighted<Stance>({ for: 0.45, against: 0.2, neutral: 0.2, question: 0.15 });
    const post: PostEvent = {
      kind: "post",
      at,
      motionId: plan.id,
      parent,
      depth: parent ? Math.min(parent.depth + 1, MAX_DEPTH) : 0,
      authorId: author,
      stance,
      body: postBody(rng, m.theme, stance, parent !== null),
      editedAt: null,
      original: null,
      deletedAt: null,
      hidden: null,
      reports: [],
      id: 0,
    };
    const later = (mean: number) => Math.min(at + rng.exponential(mean) + MINUTE_MS, now - MINUTE_MS);
    if (rng.chance(0.03)) {
      post.editedAt = later(2 * HOUR_MS);
      post.original = { stance: rng.chance(0.8) ? stance : "neutral", body: postBody(rng, m.theme, stance, parent !== null) };
    }
    if (rng.chance(0.01)) post.deletedAt = later(DAY_MS);
    else if (rng.chance(0.003)) {
      const hiddenAt = later(6 * HOUR_MS);
      const by = chairAt(world, hiddenAt);
      const reason = rng.pick(hideReasons);
      post.hidden = { at: hiddenAt, by, reason };
      timeline.audit(hiddenAt, "post.hidden", by, "post", () => post.id, plan.id, () => ({ post_id: post.id, reason }));
    }
    if (rng.chance(0.005)) {
      const reporters = new Set<string>();
      const wanted = rng.int(1, 2);
      for (let tries = 0; reporters.size < wanted && tries < 10; tries++) {
        const who = memberAt(world, at);
        if (who !== author) reporters.add(who);
      }
      for (const reporterId of reporters) {
        const reportedAt = later(12 * HOUR_MS);
        const resolved = rng.chance(0.7) ? Math.min(reportedAt + rng.exponential(DAY_MS), now - MINUTE_MS) : null;
        post.reports.push({ reporterId, reason: rng.pick(reportReasons), at: reportedAt, resolvedAt: resolved, resolvedBy: resolved ? chairAt(world, resolved) : null });
      }
    }
    posts.push(post);
    timeline.add(post);
  }
}
