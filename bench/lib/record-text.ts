// Text for the generated record: pseudonyms, motions, posts, responses and actions, built from
// the themes so that they read like the real thing and search finds them with realistic
// selectivity. Everything comes from the seeded Rng, so a seed always gives the same words.
import type { Rng } from "./record-random";
import { type Theme, themes } from "./record-themes";

const nameStarts = [
  "Quiet", "Amber", "Willow", "Heron", "Rowan", "Juniper", "Bramble", "Linnet", "Sorrel", "Kestrel", "Marigold", "Harbour",
  "Alder", "Hazel", "Wren", "Finch", "Skylark", "Otter", "Badger", "Fern", "Moss", "Ivy", "Holly", "Thistle", "Clover",
  "River", "Brook", "Meadow", "Cedar", "Aspen", "Birch", "Elm", "Poppy", "Daisy", "Robin", "Swift", "Lark", "Merlin",
  "Sparrow", "Starling", "Puffin", "Teal", "Sage", "Basil", "Saffron", "Indigo", "Cobalt", "Slate", "Flint", "Pebble",
  "Shell", "Coral", "Tide", "Harbourlight", "North", "Southwind", "Morning", "Evening", "Lantern", "Kite", "Hollow",
  "Sam", "Jo", "Alex", "Charlie", "Frankie", "Jamie", "Robin", "Sky", "Ash", "Morgan", "Kit", "Nell", "Ade", "Priya",
  "Tomasz", "Aisha", "Mo", "Lou", "Dee", "Bea", "Cal", "Eli", "Femi", "Gus", "Ira", "Jude", "Kai", "Lior", "Nico",
];
const nameEnds = [
  "", "", "", " Fox", " Hare", " Bay", " Hill", " Green", " Stone", " Walker", " Reader", " Maker", " Gardener", " Singer",
  " from Eastfield", " from Northmoor", " in Riverside", " the Quiet", " M.", " R.", " T.", " J.", " K.", " B.",
];

/** `count` distinct pseudonyms, as members choose them. */
export function pseudonyms(rng: Rng, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    let name = rng.pick(nameStarts) + rng.pick(nameEnds);
    if (names.has(name) || rng.chance(0.2)) name += ` ${rng.int(2, 99)}`;
    names.add(name);
  }
  return [...names];
}

const places = ["in Eastfield", "in Northmoor", "across Riverside", "in rural villages", "in the town centre", "at the Harbour Road hub", "on Beech ward", "on Ash ward", "in the north of the borough", "for the coastal towns"];
const groups = ["for young people", "for older people", "for carers", "for new parents", "for people with psychosis", "for autistic adults", "for veterans", "for people sleeping rough", "for students", "for people with a learning disability", "for Black men", "for refugees and asylum seekers", "for deaf people who sign"];
const timeframes = ["within twelve months", "by the next financial year", "before the contracts are renewed", "within six months", "by the end of the year", "as part of the next budget"];
const rarities = ["Makaton", "British Sign Language", "allotment", "ferry", "lighthouse keeper", "Welsh-speaking", "hedgehog", "narrowboat", "falconry", "Polish-speaking"];

const totalWeight = themes.reduce((sum, t) => sum + t.weight, 0);

/** A theme, as often as members raise it. */
export function weightedTheme(rng: Rng): Theme {
  let r = rng.next() * totalWeight;
  for (const theme of themes) {
    r -= theme.weight;
    if (r < 0) return theme;
  }
  return themes[themes.length - 1];
}

export interface MotionWords {
  title: string;
  text: string;
  rationale: string;
  summary: string;
  topics: string[];
}

export function motionWords(rng: Rng, theme: Theme, second: Theme, bodyName: string): MotionWords {
  let title = rng.pick(theme.titles);
  if (rng.chance(0.5)) title += ` ${rng.pick(rng.chance(0.5) ? places : groups)}`;
  const ask = rng.pick(theme.asks);
  const sentences = [`This parliament calls on ${bodyName} to ${ask}${rng.chance(0.4) ? ` ${rng.pick(groups)}` : ""}.`];
  if (second !== theme && rng.chance(0.6)) sentences.push(`It also asks the commissioners to ${rng.pick(second.asks)}.`);
  if (rng.chance(0.5)) sentences.push(`We ask for this to happen ${rng.pick(timeframes)}, with progress reported to the parliament.`);
  if (rng.chance(0.03)) sentences.push(`Information should be offered in ${rng.pick(rarities)} where people ask for it.`);
  const reasons = [rng.pick(theme.reasons), rng.pick(theme.experiences).replace(/^I /, "One member told us: I ")];
  if (rng.chance(0.6)) reasons.push(rng.pick(second.reasons));
  if (rng.chance(0.5)) reasons.push(rng.pick(theme.reasons));
  if (rng.chance(0.3)) reasons.push(`This has been raised at three sittings ${rng.pick(places)} and nothing has changed.`);
  const topics = new Set([theme.topic]);
  if (second !== theme && rng.chance(0.7)) topics.add(second.topic);
  if (rng.chance(0.15)) topics.add(rng.pick(themes).topic);
  return {
    title,
    text: sentences.join(" "),
    rationale: [...new Set(reasons)].join(" "),
    summary: rng.chance(0.75) ? `We want ${bodyName} to ${ask}.` : "",
    topics: [...topics].sort(),
  };
}

const openers = {
  for: ["I support this motion.", "Yes, absolutely.", "Thank you for raising this.", "This matters so much.", "I agree with every word.", "Fully behind this.", "Count me in."],
  against: ["I understand the aim but I cannot support this as written.", "I am not sure this is the right answer.", "I worry this would take money from other services.", "I see it differently.", "This goes too far for me."],
  neutral: ["Some background that might help.", "For information, from the last sitting:", "Sharing my experience in case it helps.", "I have mixed feelings about this.", "A few thoughts."],
  question: ["Can the proposer say how this would be paid for?", "Does anyone know whether this already happens elsewhere?", "What would success look like in a year?", "Has anyone asked the commissioners about this before?", "Who would be responsible for this?"],
} as const;
const replyOpeners = ["I know what you mean.", "That was my experience too.", "Thank you for sharing that.", "I hear you.", "Sorry that happened to you.", "Good question.", "I had the opposite experience."];
const closers = ["Thank you for listening.", "Sending solidarity to everyone here.", "Take care, everyone.", "Let's keep pushing on this.", "I hope the commissioners read this thread."];

export type Stance = keyof typeof openers;

export function postBody(rng: Rng, theme: Theme, stance: Stance, reply: boolean): string {
  const t = rng.chance(0.75) ? theme : weightedTheme(rng);
  const parts = [reply && rng.chance(0.6) ? rng.pick(replyOpeners) : rng.pick(openers[stance])];
  const n = rng.int(1, 3);
  for (let i = 0; i < n; i++) parts.push(rng.chance(0.6) ? rng.pick(t.experiences) : rng.pick(t.reasons));
  if (rng.chance(0.01)) parts.push(`Our group uses ${rng.pick(rarities)} and it makes a real difference.`);
  if (rng.chance(0.25)) parts.push(rng.pick(closers));
  return parts.join(" ");
}

const positionsWords = {
  accept: ["We accept this motion in full.", "We agree with the parliament and will act on this motion."],
  accept_in_part: ["We accept this motion in part.", "We agree with much of this motion, but cannot commit to all of it this year."],
  decline: ["We are not able to accept this motion at this time.", "After careful consideration we have decided not to accept this motion."],
} as const;

export type Position = keyof typeof positionsWords;

export function responseWords(rng: Rng, theme: Theme, position: Position, bodyName: string) {
  const summary = `${rng.pick(positionsWords[position])} ${position === "decline" ? "We explain why below and will review this next year." : `${bodyName} will ${rng.pick(theme.asks)}.`}`;
  const reasons = [
    `${bodyName} thanks the parliament for this motion and the members who spoke in the debate.`,
    rng.pick(theme.reasons).replace(/^People /, "We recognise that people "),
    position === "decline"
      ? `Our budget for ${theme.topic} is committed until the end of the current contracts, and we cannot fund this without reducing other services.`
      : `We will work with members of the parliament to ${rng.pick(theme.asks)}.`,
    rng.chance(0.5) ? `We will report progress to the parliament ${rng.pick(timeframes)}.` : "",
  ];
  return { summary, reasons: reasons.filter(Boolean).join(" ") };
}

const owners = ["Head of Mental Health Commissioning", "Community Services Manager", "Adult Social Care Commissioning Team", "Housing Options Team", "Public Health Team", "Patient Experience Lead", "Contracts and Procurement", "Crisis Pathway Lead", "Carers' Lead", "Children and Young People's Commissioner"];

export function actionWords(rng: Rng, theme: Theme) {
  const ask = rng.pick(theme.asks);
  return { description: `${ask[0].toUpperCase()}${ask.slice(1)}${rng.chance(0.3) ? ` ${rng.pick(places)}` : ""}.`, owner: rng.pick(owners) };
}

export const actionNotes = {
  in_progress: ["Funding agreed; recruitment has started.", "A working group with members met for the first time.", "Pilot running in one area; early feedback is positive.", "Specification drafted with members of the parliament."],
  done: ["Completed and in place across the area.", "Delivered; the first quarterly report is published.", "Done. Members helped test the new arrangements."],
  dropped: ["Dropped because the contract ended and was not renewed.", "Dropped: the national programme replaced this work."],
} as const;

export const withdrawalReasons = ["A similar motion was carried last month, so this one is no longer needed.", "I want to rewrite this with the carers' group and bring it back.", "The commissioners have already agreed to do this.", "I am not well enough to carry this forward right now."];
export const holdingReasons = ["We need to consult our provider partners before we can answer properly.", "The budget for next year is not yet agreed.", "Our board meets next month and must approve the response."];
export const hideReasons = ["Shared another person's private information.", "Personal attack on another member.", "Contained details that could identify a patient."];
export const reportReasons = ["This names a member of staff.", "Unkind to another member.", "Off topic and upsetting.", "Might identify someone."];
