import { describe, expect, it } from "vitest";
import type { BallotOutcome, MajorityRule } from "../../db/schema";
import { type Counts, computeOutcome, outcomeLabels, quorumFor, ruleLabels, turnout } from "../../server/domain/ballot-outcome";

const votes = (f: number, a: number, ab = 0): Counts => ({ for: f, against: a, abstain: ab });

describe("a simple majority", () => {
  const simple = (counts: Counts, castingVote?: "for" | "against") =>
    computeOutcome({ counts, quorum: 1, rule: "simple", castingVote });

  it("carries with more for than against", () => {
    expect(simple(votes(3, 2))).toBe("carried");
  });

  it("is defeated with more against than for", () => {
    expect(simple(votes(2, 3))).toBe("defeated");
  });

  it("a tie falls under a simple majority", () => {
    expect(simple(votes(4, 4))).toBe("defeated");
  });

  it("a tie carries only with the chair's casting vote for", () => {
    expect(simple(votes(4, 4), "for")).toBe("carried");
    expect(simple(votes(4, 4), "against")).toBe("defeated");
  });

  it("a casting vote changes nothing when there is no tie", () => {
    expect(simple(votes(2, 3), "for")).toBe("defeated");
    expect(simple(votes(3, 2), "against")).toBe("carried");
  });

  it("abstentions do not count for or against", () => {
    expect(simple(votes(1, 0, 9))).toBe("carried");
    expect(simple(votes(0, 1, 9))).toBe("defeated");
  });
});

describe("quorum", () => {
  it("counts abstentions as votes cast", () => {
    expect(computeOutcome({ counts: votes(1, 0, 2), quorum: 3, rule: "simple" })).toBe("carried");
  });

  it("just below quorum there is no decision", () => {
    expect(computeOutcome({ counts: votes(2, 0, 0), quorum: 3, rule: "simple" })).toBe("no_quorum");
  });

  it("exactly at quorum the ballot is decided", () => {
    expect(computeOutcome({ counts: votes(2, 1, 0), quorum: 3, rule: "simple" })).toBe("carried");
    expect(computeOutcome({ counts: votes(1, 2, 0), quorum: 3, rule: "simple" })).toBe("defeated");
  });

  it("turnout is every vote cast", () => {
    expect(turnout(votes(2, 3, 4))).toBe(9);
  });
});

describe("a two-thirds majority", () => {
  const twoThirds = (counts: Counts) => computeOutcome({ counts, quorum: 1, rule: "two_thirds" });

  it("carries at exactly two thirds of for and against", () => {
    expect(twoThirds(votes(2, 1))).toBe("carried");
    expect(twoThirds(votes(20, 10, 5))).toBe("carried");
  });

  it("falls just below two thirds", () => {
    expect(twoThirds(votes(19, 10))).toBe("defeated");
    expect(twoThirds(votes(3, 2))).toBe("defeated");
  });

  it("falls when everyone abstained", () => {
    expect(twoThirds(votes(0, 0, 5))).toBe("defeated");
  });

  it("ignores a casting vote: a tie is far from two thirds", () => {
    expect(computeOutcome({ counts: votes(3, 3), quorum: 1, rule: "two_thirds", castingVote: "for" })).toBe("defeated");
  });
});

describe("the rule, checked against every small ballot", () => {
  // The rule as DESIGN.md states it, in words close to the page and in plain fractions.
  function byTheBook(c: Counts, quorum: number, rule: MajorityRule, casting?: "for" | "against"): BallotOutcome {
    const cast = c.for + c.against + c.abstain;
    if (cast < quorum) return "no_quorum";
    if (rule === "two_thirds") {
      const decisive = c.for + c.against;
      if (decisive === 0) return "defeated";
      // Every fraction equal to 2/3 rounds to the same double, so this comparison is exact.
      return c.for / decisive >= 2 / 3 ? "carried" : "defeated";
    }
    if (c.for === c.against) return casting === "for" ? "carried" : "defeated";
    return c.for > c.against ? "carried" : "defeated";
  }

  it("agrees with the rule as written for up to 9 of each choice", () => {
    let checked = 0;
    for (let f = 0; f <= 9; f++)
      for (let a = 0; a <= 9; a++)
        for (let ab = 0; ab <= 9; ab++)
          for (const quorum of [1, 2, 5, 10, 20])
            for (const rule of ["simple", "two_thirds"] as const)
              for (const casting of [undefined, "for", "against"] as const) {
                const counts = votes(f, a, ab);
                const got = computeOutcome({ counts, quorum, rule, castingVote: casting });
                if (got !== byTheBook(counts, quorum, rule, casting)) {
                  throw new Error(`${JSON.stringify({ counts, quorum, rule, casting })} gave ${got}`);
                }
                checked += 1;
              }
    expect(checked).toBe(10 * 10 * 10 * 5 * 2 * 3);
  });

  it("one more vote for never turns a carried motion into a defeated one", () => {
    for (const rule of ["simple", "two_thirds"] as const)
      for (let f = 0; f <= 12; f++)
        for (let a = 0; a <= 12; a++) {
          const before = computeOutcome({ counts: votes(f, a), quorum: 1, rule });
          const after = computeOutcome({ counts: votes(f + 1, a), quorum: 1, rule });
          if (before === "carried") expect(after).toBe("carried");
        }
  });
});

describe("quorumFor", () => {
  it("rounds a share of the eligible members up to a whole vote", () => {
    expect(quorumFor(10, 25)).toBe(3);
    expect(quorumFor(8, 25)).toBe(2);
    expect(quorumFor(9, 25)).toBe(3);
    expect(quorumFor(100, 33)).toBe(33);
    expect(quorumFor(3, 100)).toBe(3);
  });

  it("is at least one vote, even with no eligible members or no quorum rule", () => {
    expect(quorumFor(0, 25)).toBe(1);
    expect(quorumFor(2, 25)).toBe(1);
    expect(quorumFor(50, 0)).toBe(1);
  });

  it("is the smallest whole number of votes that reaches the share, for every small parliament", () => {
    for (let eligible = 0; eligible <= 300; eligible++)
      for (let percent = 0; percent <= 100; percent++) {
        let expected = 1;
        while (expected * 100 < eligible * percent) expected += 1;
        if (quorumFor(eligible, percent) !== expected) throw new Error(`quorumFor(${eligible}, ${percent})`);
      }
  });
});

describe("labels", () => {
  it("name every outcome and rule in plain words", () => {
    expect(outcomeLabels).toEqual({ carried: "Carried", defeated: "Defeated", no_quorum: "No quorum" });
    expect(Object.keys(ruleLabels).sort()).toEqual(["simple", "two_thirds"]);
  });
});
