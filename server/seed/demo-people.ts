// Who lives in the demo parliament: two commissioning bodies and the people around them.
// Names are warm pseudonyms, as members use in a real parliament; every email is on the
// reserved demo.example domain, so nothing here can ever reach a real inbox.
import type { Role } from "../../db/schema";

/** One password for every demo account: printed on start and in the README. */
export const DEMO_PASSWORD = "parliament-demo";

export const demoBodies = {
  icb: {
    slug: "riverside-icb",
    name: "Riverside Integrated Care Board",
    description:
      "Plans and pays for NHS mental health care in Riverside: community mental health teams, crisis care, talking therapies and hospital beds.",
    response_period_days: 56,
    contact: "mental-health.engagement@riverside-icb.demo.example",
  },
  council: {
    slug: "riverside-council-adult-social-care",
    name: "Riverside Council Adult Social Care",
    description:
      "Arranges care and support under the Care Act: needs assessments, personal budgets, day opportunities and community support.",
    response_period_days: 42,
    contact: "asc.coproduction@riverside-council.demo.example",
  },
} as const;

export type DemoBodyKey = keyof typeof demoBodies;

export interface DemoPersonDef {
  key: string;
  displayName: string;
  role: Role;
  body?: DemoBodyKey;
  /** shown beside the sign-in on start and in the README; absent: not listed */
  signInNote?: string;
}

export const demoPeople = [
  { key: "quill", displayName: "Quill", role: "admin", signInNote: "Clerk: invites people and manages roles" },
  { key: "alder", displayName: "Alder", role: "chair", signInNote: "Speaker: runs sittings, opens and closes ballots, moderates" },
  {
    key: "amara",
    displayName: "Amara Osei",
    role: "commissioner",
    body: "icb",
    signInNote: "Integrated Care Board: one response is overdue, one revision is due",
  },
  {
    key: "tom",
    displayName: "Tom Whitlock",
    role: "commissioner",
    body: "council",
    signInNote: "Council Adult Social Care: one response is due; progress to report on actions",
  },
  { key: "kestrel", displayName: "Kestrel", role: "member", signInNote: "Has a private draft and unread notifications; can vote in the open ballot" },
  { key: "willow", displayName: "Willow", role: "member", signInNote: "Proposed the motion on pets; busy thread" },
  { key: "harbour", displayName: "Harbour", role: "member", signInNote: "Can second the open motion" },
  { key: "marigold", displayName: "Marigold", role: "member" },
  { key: "rowan", displayName: "Rowan", role: "member" },
  { key: "heron", displayName: "Heron", role: "member" },
  { key: "juniper", displayName: "Juniper", role: "member" },
  { key: "bramble", displayName: "Bramble", role: "member" },
  { key: "linnet", displayName: "Linnet", role: "member" },
  { key: "sorrel", displayName: "Sorrel", role: "member" },
] as const satisfies readonly DemoPersonDef[];

export type DemoPersonKey = (typeof demoPeople)[number]["key"];
export type DemoMemberKey = Extract<(typeof demoPeople)[number], { role: "member" }>["key"];

export function demoEmail(key: string): string {
  return `${key}@demo.example`;
}
