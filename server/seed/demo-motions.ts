// The words of the demo motions. Each one grows out of a theme of the ESRC seminar on
// co-production in mental health commissioning (York, 2016), so the demo reads like the
// conversations real parliaments have, not like lorem ipsum.
import type { ResponsePosition } from "../../db/schema";
import type { DemoBodyKey, DemoMemberKey } from "./demo-people";

export interface DemoMotionText {
  title: string;
  text: string;
  rationale: string;
  summary: string;
  topics: string[];
}

export interface DemoMotionDef extends DemoMotionText {
  proposer: DemoMemberKey;
  body: DemoBodyKey;
}

export const demoMotions = {
  pets: {
    proposer: "willow",
    body: "council",
    title: "Count pets as part of a person's circle of support",
    text: "This parliament calls on Riverside Council Adult Social Care to ask about companion animals in every Care Act needs assessment and review, to record them as part of the person's circle of support, and to plan for their care before the person becomes unwell or goes into hospital.",
    rationale:
      "For many of us a dog, a cat or a budgie is the reason to get up, go out and talk to the neighbours. Research presented at the ESRC seminar on co-production found that pets are valued for the companionship and engagement they offer, yet they are usually not considered in the care assessment process. When a crisis comes, worry about who will feed the cat stops people accepting a hospital bed. An assessment that asks what we value, not only what the risks are, would plan for this.",
    summary: "Ask about pets in care assessments, and plan for them before someone is unwell.",
    topics: ["care assessments", "pets", "circle of support"],
  },
  contracts: {
    proposer: "marigold",
    body: "icb",
    title: "Build co-production into every mental health contract",
    text: "This parliament calls on Riverside Integrated Care Board to write co-production into every new and renewed mental health contract: providers must involve people who use the service in designing, reviewing and improving it, report each year on how they did so, and pay people fairly for their time.",
    rationale:
      "Co-production is promised in strategies and disappears when the contract is signed. Commissioning has four stages: assessing needs, planning, securing services through contracts, and monitoring. At the moment we are invited to the first two at most. If it is in the contract, it is measured, and if it is measured, it happens. Paying people for their expertise recognises that we are experts in our own lives and equal partners.",
    summary: "Make co-production a condition of every contract, with a yearly report and fair pay for the people involved.",
    topics: ["co-production", "contracts", "commissioning"],
  },
  networks: {
    proposer: "harbour",
    body: "council",
    title: "Fund peer support and community networks, not only formal services",
    text: "This parliament calls on Riverside Council Adult Social Care to set aside a share of its prevention budget for peer support groups and community networks run by and with people with lived experience, and to offer everyone who has a needs assessment the chance to map the people, places and activities that keep them well.",
    rationale:
      "Most of what keeps us well happens outside formal services: a walking group, a neighbour, an allotment, a group chat of people who understand. Speakers at the ESRC seminar described the power of social networks and tools such as GENIE, which draws a person's network in circles and helps connect them with local resources. Commissioning still looks almost only at individual self-management and formal services. Small, steady grants keep peer groups alive; a network map makes them visible in assessments.",
    summary: "Fund peer groups and community networks, and help people map what keeps them well.",
    topics: ["peer support", "social networks", "prevention"],
  },
  forums: {
    proposer: "rowan",
    body: "icb",
    title: "Invest in user groups and patient forums so everyone can take part",
    text: "This parliament calls on Riverside Integrated Care Board to fund independent user groups and patient forums for at least three years at a time, to cover members' travel, childcare and mobile data costs for taking part, and to pay for training and support that the groups choose themselves.",
    rationale:
      "Co-production needs capacity, and capacity costs money. Our groups close when one-year grants end, and people who cannot afford a bus fare or mobile data are left out of the conversations that decide their care. Investing in and supporting user groups, patient forums and the voluntary sector was named at the ESRC seminar as one of the things commissioners must do to work in co-production.",
    summary: "Steady funding for user groups and forums, and cover the costs of taking part.",
    topics: ["user groups", "co-production", "involvement"],
  },
  boundaries: {
    proposer: "heron",
    body: "icb",
    title: "Replace 'professional distance' with relationship-based practice",
    text: "This parliament calls on Riverside Integrated Care Board to ask the mental health services it commissions to rewrite their professional boundaries policies together with people who use them, replacing rules about keeping a 'professional distance' with guidance on warm, honest, relationship-based practice.",
    rationale:
      "Many of us have felt held at arm's length by staff who were taught that being professional means keeping their distance. At the ESRC seminar, people working alongside service users said the conventional model of professionalism can get in the way of trust, while the projects that reach people best work in a way closer to friendship. Language shapes practice: if policies talk only about distance, distance is what staff will keep.",
    summary: "Rewrite boundaries policies with the people who use services, so staff can build trust.",
    topics: ["trust", "language", "professionalism"],
  },
  genie: {
    proposer: "juniper",
    body: "council",
    title: "Offer network mapping at every needs assessment",
    text: "This parliament calls on Riverside Council Adult Social Care to offer everyone having a Care Act needs assessment a network mapping session, using a tool such as GENIE, to show the people, places and activities in their life.",
    rationale:
      "Network mapping makes the support around a person visible and helps connect them with local groups and resources. It should be part of how an assessment begins, not an optional extra at the end.",
    summary: "Use a network mapping tool at the start of every assessment.",
    topics: ["social networks", "care assessments"],
  },
  openDay: {
    proposer: "bramble",
    body: "icb",
    title: "Hold an open commissioning day every year",
    text: "This parliament calls on Riverside Integrated Care Board to hold an open day each year, in a community venue, where anyone can hear how the mental health budget was spent, question the people who decided, and suggest priorities for the year ahead.",
    rationale:
      "Transparency and accountability for decisions should not depend on reading board papers. A day in a familiar place, with plain-language summaries and time for questions, would let more people understand and influence commissioning.",
    summary: "A yearly open day on how the mental health budget was spent.",
    topics: ["transparency", "accountability"],
  },
  outreach: {
    proposer: "sorrel",
    body: "icb",
    title: "Reach people with multiple needs where they are",
    text: "This parliament calls on Riverside Integrated Care Board to commission outreach for people facing several problems at once, such as homelessness, addiction, contact with the justice system and mental ill-health, that meets people where they are, keeps the same worker for as long as it takes, and never closes a case because of missed appointments.",
    rationale:
      "People with the most entrenched multiple needs are often disengaged or disconnected from services built around one need at a time. Projects such as WY-FI in West Yorkshire show what works: relationships that feel more like friendship than case management, finding out about the problem together and designing the solutions together. Closing a case after two missed appointments shuts out exactly the people who most need the door left open.",
    summary: "Outreach with a steady worker for people facing several problems at once, and no closing cases for missed appointments.",
    topics: ["multiple needs", "outreach", "homelessness"],
  },
  partnership: {
    proposer: "linnet",
    body: "icb",
    title: "Equal places for people with lived experience on the commissioning board",
    text: "This parliament calls on Riverside Integrated Care Board to give people with lived experience equal places and an equal vote on its mental health commissioning board, with papers in plain language a week ahead, paid preparation time and a named person to support them.",
    rationale:
      "Co-production means equal partnership throughout the commissioning cycle, not a chair at the end of the table after decisions are made. Good commissioning, in the words of the University of Birmingham's guidance, starts from an understanding that people who use services are experts in their own lives and essential partners. Equal places only work with the support to use them.",
    summary: "Equal seats and votes on the commissioning board, with the support to take part.",
    topics: ["equal partnership", "governance", "co-production"],
  },
  youSaid: {
    proposer: "kestrel",
    body: "council",
    title: "Publish 'you said, we did' reports every quarter",
    text: "This parliament calls on Riverside Council Adult Social Care to publish every three months, in plain language, what members of this parliament raised, what was decided, and what has changed as a result, including what has not changed and why.",
    rationale:
      "We give our time and our stories. Seeing what happened next is part of the reciprocity that keeps people involved; silence is what makes people give up. Transparency and accountability for decisions were named at the ESRC seminar as aims of co-productive commissioning.",
    summary: "Quarterly plain-language reports on what changed because of this parliament.",
    topics: ["transparency", "accountability", "feedback"],
  },
  venues: {
    proposer: "sorrel",
    body: "council",
    title: "Meet us in our places: hold co-production meetings in community venues",
    text: "This parliament calls on Riverside Council Adult Social Care to hold its co-production meetings in familiar community venues such as libraries, community centres and cafés, at times agreed with the people taking part, and to publish the year's meetings in advance.",
    rationale:
      "Council offices feel like places where decisions are made about us, not with us. Many of us find them hard to reach and harder to walk into. Doing it together means meeting on common ground: the seminar on co-production heard that engaging all sections of the population takes a plurality of methods and places, not one meeting room on a weekday morning.",
    summary: "Hold co-production meetings in community venues, at agreed times, with a calendar published in advance.",
    topics: ["co-production", "involvement", "access"],
  },
  plainLanguage: {
    proposer: "bramble",
    body: "icb",
    title: "Speak our language: plain-language commissioning papers",
    text: "This parliament calls on Riverside Integrated Care Board to publish every mental health commissioning paper with a plain-language summary written together with people with lived experience, and to stop using unexplained acronyms in any meeting where members of the public take part.",
    rationale:
      "We are asked to take part in decisions written in a language we do not speak: QIPP, CQUIN, block contracts, outcome frameworks. The seminar on co-production heard that it is hard to work together when people speak different languages, and that language shapes who feels they belong in the room. Transparency means being understood, not only being published.",
    summary: "A plain-language summary, written with us, for every commissioning paper; no unexplained acronyms.",
    topics: ["language", "transparency", "co-production"],
  },
  values: {
    proposer: "kestrel",
    body: "icb",
    title: "Ask what matters to people, not only what the risks are",
    text: "This parliament calls on Riverside Integrated Care Board to make sure care plans in the services it commissions start from what the person values and wants to achieve, with risk considered alongside that rather than first.",
    rationale:
      "In mental health the first question is usually about risk. A capability approach asks what a person values and can achieve: the people, places and activities that matter to them. I am still gathering members' examples before I publish this.",
    summary: "Care plans that start from what people value.",
    topics: ["care planning", "capability"],
  },
} as const satisfies Record<string, DemoMotionDef>;

export type DemoMotionKey = keyof typeof demoMotions;

/** The first, shorter wording of the networks motion, before its proposer took up a comment. */
export const networksFirstDraft: DemoMotionText = {
  title: "Fund peer support groups, not only formal services",
  text: "This parliament calls on Riverside Council Adult Social Care to set aside a share of its prevention budget for peer support groups run by and with people with lived experience.",
  rationale: demoMotions.networks.rationale,
  summary: "Fund peer support groups from the prevention budget.",
  topics: ["peer support", "prevention"],
};

/** What the council promised in its answer on pets; due dates count from the response. */
export const petsActions = [
  {
    description: "Add a question about pets and other animals to the Care Act assessment and review forms.",
    owner: "Adult social care assessment team",
    inDays: 60,
  },
  {
    description: "Include pets in the contingency section of every support plan.",
    owner: "Support planning service",
    // Starts once the new assessment question is in use, so it is still planned today.
    inDays: 120,
  },
  {
    description: "Cover pets in assessor training, co-delivered with members of the parliament.",
    owner: "Workforce development team",
    inDays: 180,
  },
];

export const petsResponse: { position: ResponsePosition; summary: string; reasons: string } = {
  position: "accept_in_part",
  summary: "Yes to asking about pets and planning for them before a crisis; no to the council arranging or paying for pet care itself.",
  reasons: [
    "We agree that companion animals can be central to a person's wellbeing and circle of support, and that our assessments have not asked about them. Thank you to the members who shared their experience in the discussion; it changed how we read this motion.",
    "What we will do:\n1. At the next review of our forms, the Care Act assessment and review will ask whether the person has a pet or other animal they care for, and what would happen to it if they became unwell. The question is about support, never about whether someone is fit to keep a pet, and answering is optional.\n2. Support plans will include pets in their contingency section, so arrangements are agreed before a crisis rather than during one.\n3. Assessor training this year will cover this, co-delivered with members of this parliament who offered to help.",
    "What we cannot do as asked: the council cannot itself arrange or pay for the care of animals during a hospital stay, because Care Act funding is tied to a person's eligible needs. Where an animal is directly linked to an eligible need, for example a dog that makes it possible for someone to leave the house, assessors will consider it case by case, and we will say so in our guidance. We will also keep a list of local volunteer pet fostering schemes for assessors to share.",
    "We will report progress to the parliament in six months.",
  ].join("\n\n"),
};
