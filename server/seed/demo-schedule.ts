// When each demo motion moves, as days before today. The story spans about five months and ends
// before today, except the one ballot that is still open and closes a few days from now.
import type { BallotKind, Choice, MajorityRule, MotionStatus, ResponseStatus } from "../../db/schema";
import type { DemoMotionKey } from "./demo-motions";
import type { DemoMemberKey } from "./demo-people";
import type { When } from "./demo-thread";

export interface BallotPlan {
  kind: BallotKind;
  rule: MajorityRule;
  open: When;
  closes: When;
  /** in the order they vote; members who turn up later abstain if quorum needs them */
  votes: [DemoMemberKey, Choice][];
  /** "chair": closed early by the chair at `closedAt`; "time": at its closing time; none: still open */
  end?: { by: "chair"; at: When } | { by: "time" };
  /** the story needs this ballot to miss quorum: only quorum - 1 of `votes` are cast */
  belowQuorum?: boolean;
}

export interface MotionPlan {
  raise: When;
  /** when the draft is published; absent: it stays a private draft */
  publish?: When;
  /** candidates in order; "seconded" takes as many as the rules need, "open" one fewer (at most one) */
  seconds?: { until: "seconded" | "open"; by: [DemoMemberKey, When][] };
  ballot?: BallotPlan;
  /** what the story must end with; checked after seeding so a change of rules cannot go unnoticed */
  expect: { status: MotionStatus; response?: ResponseStatus };
}

export const demoSchedule: Record<Exclude<DemoMotionKey, "openDay" | "youSaid">, MotionPlan> = {
  pets: {
    raise: [-147, "19:30"],
    publish: [-146, "09:15"],
    seconds: { until: "seconded", by: [["juniper", [-146, "11:40"]], ["linnet", [-145, "14:20"]], ["rowan", [-145, "15:00"]]] },
    ballot: {
      kind: "recorded",
      rule: "simple",
      open: [-137, "09:00"],
      closes: [-130, "17:00"],
      votes: [
        ["willow", "for"], ["juniper", "for"], ["linnet", "for"], ["harbour", "for"], ["rowan", "for"],
        ["heron", "for"], ["marigold", "abstain"], ["sorrel", "for"], ["bramble", "against"],
      ],
      end: { by: "time" },
    },
    expect: { status: "carried", response: "responded" },
  },
  contracts: {
    raise: [-118, "10:00"],
    publish: [-118, "10:00"],
    seconds: { until: "seconded", by: [["rowan", [-117, "09:00"]], ["juniper", [-116, "13:00"]], ["heron", [-116, "14:00"]]] },
    ballot: {
      kind: "secret",
      rule: "simple",
      open: [-105, "10:00"],
      closes: [-98, "17:00"],
      votes: [
        ["marigold", "for"], ["rowan", "for"], ["juniper", "for"], ["harbour", "against"],
        ["willow", "for"], ["linnet", "for"], ["heron", "abstain"], ["sorrel", "for"],
      ],
      end: { by: "chair", at: [-99, "16:00"] },
    },
    expect: { status: "carried", response: "awaiting" },
  },
  boundaries: {
    raise: [-92, "11:00"],
    publish: [-92, "11:00"],
    seconds: { until: "seconded", by: [["sorrel", [-91, "10:00"]], ["willow", [-90, "15:00"]], ["juniper", [-90, "16:00"]]] },
    // Debated and put to a live ballot at the spring sitting (demo-sittings.ts).
    expect: { status: "defeated" },
  },
  outreach: {
    raise: [-70, "10:00"],
    publish: [-70, "10:00"],
    seconds: { until: "seconded", by: [["heron", [-69, "12:00"]], ["linnet", [-68, "09:30"]], ["willow", [-68, "11:00"]]] },
    ballot: {
      kind: "recorded",
      rule: "simple",
      open: [-40, "10:00"],
      closes: [-33, "17:00"],
      votes: [["sorrel", "for"], ["heron", "for"], ["linnet", "for"], ["willow", "for"], ["rowan", "for"], ["juniper", "for"], ["harbour", "for"], ["marigold", "for"], ["kestrel", "for"]],
      end: { by: "time" },
      belowQuorum: true,
    },
    expect: { status: "seconded" },
  },
  genie: {
    raise: [-48, "10:00"],
    publish: [-48, "10:00"],
    seconds: { until: "open", by: [["harbour", [-47, "14:00"]]] },
    expect: { status: "withdrawn" },
  },
  networks: {
    raise: [-44, "10:00"],
    publish: [-44, "10:00"],
    seconds: { until: "seconded", by: [["juniper", [-41, "10:00"]], ["heron", [-40, "11:00"]], ["linnet", [-40, "12:00"]]] },
    ballot: {
      kind: "recorded",
      rule: "simple",
      open: [-30, "10:00"],
      closes: [-23, "17:00"],
      votes: [
        ["harbour", "for"], ["juniper", "for"], ["heron", "for"], ["willow", "for"], ["linnet", "for"],
        ["sorrel", "for"], ["rowan", "for"], ["marigold", "for"], ["bramble", "against"],
      ],
      end: { by: "time" },
    },
    expect: { status: "carried", response: "awaiting" },
  },
  forums: {
    raise: [-35, "10:00"],
    publish: [-35, "10:00"],
    seconds: { until: "seconded", by: [["linnet", [-34, "10:00"]], ["willow", [-33, "10:00"]], ["marigold", [-33, "11:00"]]] },
    ballot: {
      // Still open: it closes three days from now, and Kestrel and Harbour have not voted yet.
      kind: "recorded",
      rule: "simple",
      open: [-6, "10:00"],
      closes: [3, "17:00"],
      votes: [["rowan", "for"], ["linnet", "for"], ["heron", "against"], ["willow", "for"], ["juniper", "abstain"]],
    },
    expect: { status: "voting" },
  },
  venues: {
    raise: [-128, "10:00"],
    publish: [-128, "10:00"],
    seconds: { until: "seconded", by: [["marigold", [-127, "10:00"]], ["heron", [-126, "11:00"]], ["juniper", [-126, "12:00"]]] },
    ballot: {
      kind: "recorded",
      rule: "simple",
      open: [-120, "10:00"],
      closes: [-113, "17:00"],
      votes: [
        ["sorrel", "for"], ["marigold", "for"], ["heron", "for"], ["juniper", "for"], ["linnet", "for"],
        ["rowan", "for"], ["willow", "abstain"], ["kestrel", "for"],
      ],
      end: { by: "time" },
    },
    // Answered at once, and every promised action delivered: the record closed by itself.
    expect: { status: "carried", response: "closed" },
  },
  plainLanguage: {
    raise: [-96, "19:00"],
    publish: [-95, "10:00"],
    seconds: { until: "seconded", by: [["heron", [-94, "10:00"]], ["kestrel", [-94, "15:00"]], ["willow", [-93, "09:00"]]] },
    ballot: {
      kind: "recorded",
      rule: "simple",
      open: [-88, "10:00"],
      closes: [-81, "17:00"],
      votes: [
        ["bramble", "for"], ["heron", "for"], ["kestrel", "for"], ["willow", "for"], ["sorrel", "for"],
        ["linnet", "for"], ["marigold", "for"], ["harbour", "against"],
      ],
      end: { by: "time" },
    },
    // Answered on time, judged inadequate by members' verdict: a revised response is due.
    expect: { status: "carried", response: "revision_requested" },
  },
  partnership: {
    raise: [-16, "10:00"],
    publish: [-16, "10:00"],
    seconds: { until: "seconded", by: [["marigold", [-12, "10:00"]], ["sorrel", [-10, "10:00"]], ["rowan", [-10, "11:00"]]] },
    // On the agenda of the next sitting (demo-sittings.ts).
    expect: { status: "scheduled" },
  },
  values: {
    raise: [-3, "20:00"],
    expect: { status: "draft" },
  },
};

/** Beyond the table: the pets response, the networks edit, the genie withdrawal, a changed vote. */
export const demoMoments = {
  petsResponse: [-95, "10:30"] as When,
  networksEdit: [-43, "20:00"] as When,
  genieWithdrawal: [-42, "12:00"] as When,
  forumsVoteChange: { by: "juniper" as DemoMemberKey, choice: "for" as Choice, at: [-2, "12:00"] as When },
  /** open for seconding with one seconder; published close to today so it has not lapsed */
  youSaidSeconder: "linnet" as DemoMemberKey,
};
