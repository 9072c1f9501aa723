// The demo discussions: who said what, when, and in reply to whom. The pets motion carries the
// lively thread (nested replies, an edit, a deletion, a report the chair acts on, the
// commissioner joining in); a few other motions have short exchanges.
import type { Stance } from "../../db/schema";
import type { DemoMotionKey } from "./demo-motions";
import type { DemoPersonKey } from "./demo-people";

/** [days relative to today, "HH:MM" UTC]: the story clock's position for each step. */
export type When = readonly [number, string];

export interface DemoPost {
  key: string;
  motion: DemoMotionKey;
  author: DemoPersonKey;
  stance: Stance;
  at: When;
  replyTo?: string;
  body: string;
}

export const demoPosts: DemoPost[] = [
  // The pets motion: seconded on day -145, voted on from day -137.
  {
    key: "biscuit",
    motion: "pets",
    author: "willow",
    stance: "for",
    at: [-145, "16:05"],
    body: "I proposed this because of my dog, Biscuit. When I was offered a crisis bed two winters ago I said no, because there was nobody to have him. Nobody in any assessment had ever asked about him, and he is the reason I go out every morning.",
  },
  {
    key: "what-would-it-look-like",
    motion: "pets",
    author: "harbour",
    stance: "question",
    at: [-145, "18:40"],
    replyTo: "biscuit",
    body: "Thank you for sharing that, Willow. Has anyone seen this done somewhere else? I'd like to know what the question would actually look like on the form.",
  },
  {
    key: "tom-form",
    motion: "pets",
    author: "tom",
    stance: "neutral",
    at: [-144, "10:20"],
    replyTo: "what-would-it-look-like",
    body: "Speaking for Adult Social Care: our assessment has a section on daily living and relationships, and a question about pets could sit there. I can't pre-empt the parliament's vote, but I would welcome members' suggestions for the wording.",
  },
  {
    key: "two-questions",
    motion: "pets",
    author: "willow",
    stance: "for",
    at: [-144, "12:45"],
    replyTo: "tom-form",
    body: "That would be a real start. Something like: 'Do you have a pet or another animal you care for?' and 'What would happen to them if you became unwell?' Two questions, that's all.",
  },
  {
    key: "judged",
    motion: "pets",
    author: "marigold",
    stance: "against",
    at: [-144, "15:30"],
    body: "I love animals, but I worry this gives assessors one more thing to judge us on.",
  },
  {
    key: "support-not-fitness",
    motion: "pets",
    author: "rowan",
    stance: "for",
    at: [-143, "09:10"],
    replyTo: "judged",
    body: "That's a fair worry, Marigold. Could the council promise that the question is about support, never about whether someone is fit to keep a pet?",
  },
  {
    key: "kestrel-wording",
    motion: "pets",
    author: "kestrel",
    stance: "question",
    at: [-143, "11:25"],
    replyTo: "support-not-fitness",
    body: "Willow, could Rowan's promise go into the wording? I'd back the motion either way.",
  },
  {
    key: "already-seconded",
    motion: "pets",
    author: "willow",
    stance: "neutral",
    at: [-143, "13:00"],
    replyTo: "kestrel-wording",
    body: "The text is seconded now, so I can't change it, but I'll ask the council to say exactly that in their response if it's carried. Thank you both.",
  },
  {
    key: "allotment",
    motion: "pets",
    author: "heron",
    stance: "neutral",
    at: [-142, "10:00"],
    body: "Not everyone has a pet, but most of us have something like it: an allotment, a choir, a bench we sit on every afternoon. I hope assessors hear the bigger point as well as the one about animals.",
  },
  {
    key: "circle",
    motion: "pets",
    author: "juniper",
    stance: "for",
    at: [-142, "14:15"],
    replyTo: "allotment",
    body: "Yes. The seminar report talks about a 'valued circle of support'. Pets are one part of that circle, and the part assessments most often leave out.",
  },
  {
    key: "northgate",
    motion: "pets",
    author: "sorrel",
    stance: "for",
    at: [-141, "20:50"],
    replyTo: "biscuit",
    body: "The assessor at the Northgate office, a man called Dave, told me my cat was 'not a clinical matter' and laughed. People like him shouldn't be doing that job.",
  },
  {
    key: "rabbits",
    motion: "pets",
    author: "linnet",
    stance: "for",
    at: [-140, "09:30"],
    body: "Hospital admission is where this really bites. When my neighbour went in, her rabbits were alone for three days before anyone noticed. A plan agreed beforehand would have saved her a lot of distress.",
  },
  {
    key: "wrong-thread",
    motion: "pets",
    author: "bramble",
    stance: "question",
    at: [-139, "19:10"],
    body: "Does anyone know when the next sitting is?",
  },
  {
    key: "ballot-soon",
    motion: "pets",
    author: "alder",
    stance: "neutral",
    at: [-138, "12:00"],
    body: "Thank you all for a thoughtful discussion. I will open an online ballot on this motion tomorrow morning; it will run for a week.",
  },

  // Building co-production into contracts.
  {
    key: "amara-renewals",
    motion: "contracts",
    author: "amara",
    stance: "neutral",
    at: [-116, "15:00"],
    body: "Thank you for raising this. For openness: most of our community mental health contracts come up for renewal next year, so the timing matters. If the motion is carried we will respond formally.",
  },
  {
    key: "benefits",
    motion: "contracts",
    author: "rowan",
    stance: "question",
    at: [-114, "10:40"],
    body: "Would being paid affect people's benefits? I'd need that answered before I could take part.",
  },
  {
    key: "vouchers",
    motion: "contracts",
    author: "marigold",
    stance: "neutral",
    at: [-113, "09:15"],
    replyTo: "benefits",
    body: "Good question. Involvement payments can affect some benefits, so people should be able to choose vouchers or expenses only, with free advice offered first. I'd expect the contracts to say so.",
  },

  // Relationship-based practice.
  {
    key: "held-at-arms-length",
    motion: "boundaries",
    author: "willow",
    stance: "for",
    at: [-90, "17:20"],
    body: "The worker who helped me most was the one who told me a bit about her own life. She was told off for it.",
  },
  {
    key: "boundaries-kept-me-safe",
    motion: "boundaries",
    author: "bramble",
    stance: "against",
    at: [-89, "11:05"],
    body: "Boundaries kept me safe when I was very unwell. I'd back training in warmth and honesty, but not rewriting the rules that protect people.",
  },
  {
    key: "two-thirds",
    motion: "boundaries",
    author: "alder",
    stance: "neutral",
    at: [-86, "10:00"],
    body: "A note on the ballot: because this motion asks services to change a safeguarding policy, I will put it to a two-thirds majority, as our standing orders suggest for changes of that kind.",
  },

  // Outreach for people with multiple needs.
  {
    key: "quorum-missed",
    motion: "outreach",
    author: "alder",
    stance: "neutral",
    at: [-32, "09:00"],
    body: "The ballot on this motion did not reach quorum: it ran over the bank holiday week and too few members could vote. Nothing is lost; the motion is seconded again and I will put it to a new ballot soon.",
  },

  // Peer support and community networks.
  {
    key: "not-just-groups",
    motion: "networks",
    author: "heron",
    stance: "question",
    at: [-43, "16:00"],
    body: "Could this include informal networks too, not just organised groups? And the network mapping idea from Juniper's motion?",
  },
  {
    key: "backing-this-one",
    motion: "networks",
    author: "juniper",
    stance: "for",
    at: [-42, "12:30"],
    body: "I've withdrawn my network mapping motion so we can all get behind this one, now that it covers mapping too.",
  },
  {
    key: "what-share",
    motion: "networks",
    author: "tom",
    stance: "question",
    at: [-39, "14:00"],
    body: "When the motion says a share of the prevention budget, do members have a figure in mind? It would help us answer properly.",
  },
  {
    key: "two-percent",
    motion: "networks",
    author: "harbour",
    stance: "for",
    at: [-38, "10:00"],
    replyTo: "what-share",
    body: "We'd suggest starting at 2%, reviewed with the parliament after a year. Small, steady grants matter more than big one-off ones.",
  },

  // User groups and patient forums (the ballot still open).
  {
    key: "lost-our-room",
    motion: "forums",
    author: "rowan",
    stance: "for",
    at: [-33, "14:00"],
    body: "Our hearing voices group lost its room when a one-year grant ended. Three-year funding would let us plan instead of starting again every spring.",
  },
  {
    key: "who-decides",
    motion: "forums",
    author: "heron",
    stance: "against",
    at: [-31, "11:30"],
    body: "I support forums, but I'm against the care board deciding which groups count as 'independent'. Who decides?",
  },
  {
    key: "open-selection",
    motion: "forums",
    author: "rowan",
    stance: "neutral",
    at: [-30, "09:45"],
    replyTo: "who-decides",
    body: "Fair challenge. The groups would choose their own training, and any selection should be open and published. I'd rather the parliament helped set the criteria.",
  },
  {
    key: "fair-expenses",
    motion: "forums",
    author: "amara",
    stance: "question",
    at: [-25, "15:10"],
    body: "Could members say what a fair level of travel and data expenses would look like? It would help us cost this if it is carried.",
  },
];

export const demoPostEdits = [
  {
    post: "judged",
    at: [-143, "08:30"] as When,
    stance: "against" as Stance,
    body: "I love animals, but I worry this gives assessors one more thing to judge us on. Will someone decide I can't look after my cat? I'd want it clear that answering is optional.",
  },
];

export const demoPostDeletions = [{ post: "wrong-thread", by: "bramble" as DemoPersonKey, at: [-139, "19:40"] as When }];

export const demoReports = [
  { post: "northgate", by: "linnet" as DemoPersonKey, at: [-141, "21:30"] as When, reason: "It names a member of staff." },
];

export const demoHides = [
  {
    post: "northgate",
    at: [-140, "08:15"] as When,
    reason:
      "Hidden because it names a member of staff, and we keep our discussions about services rather than individuals. Sorrel, your experience matters: you are very welcome to post it again without the name, or to talk to me about making a complaint.",
  },
];
