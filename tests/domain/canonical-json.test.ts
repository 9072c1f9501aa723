import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../server/domain/canonical-json";

describe("canonical JSON", () => {
  it("the order keys were written in does not matter", () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
    expect(canonicalJson({ c: 3, a: 2, b: 1 })).toBe(canonicalJson({ a: 2, b: 1, c: 3 }));
  });

  it("sorts keys inside nested objects and objects inside arrays", () => {
    const one = { z: { y: 1, x: [{ q: 1, p: 2 }] }, a: null };
    const two = { a: null, z: { x: [{ p: 2, q: 1 }], y: 1 } };
    expect(canonicalJson(one)).toBe('{"a":null,"z":{"x":[{"p":2,"q":1}],"y":1}}');
    expect(canonicalJson(two)).toBe(canonicalJson(one));
  });

  it("arrays keep their order", () => {
    expect(canonicalJson([3, 1, 2])).toBe("[3,1,2]");
    expect(canonicalJson([3, 1, 2])).not.toBe(canonicalJson([1, 2, 3]));
  });

  it("has no whitespace and drops undefined values from objects", () => {
    expect(canonicalJson({ a: 1, gone: undefined, b: "x y" })).toBe('{"a":1,"b":"x y"}');
  });

  it("writes undefined inside an array as null, as JSON.stringify does", () => {
    expect(canonicalJson([1, undefined, 2])).toBe("[1,null,2]");
  });

  it("sorts keys by code unit, so every language gets the same bytes", () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, "é": 4, "10": 5, "9": 6 })).toBe('{"10":5,"9":6,"B":2,"a":3,"b":1,"é":4}');
  });

  it("escapes strings like JSON and parses back to the same value", () => {
    const value = { text: 'He said "no"\nthen left', emoji: "🙂", n: -1.5, ok: true, list: [] };
    const text = canonicalJson(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it("writes plain values as JSON does", () => {
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson("a")).toBe('"a"');
    expect(canonicalJson(12)).toBe("12");
    expect(canonicalJson(false)).toBe("false");
  });

  it("refuses numbers JSON cannot hold, rather than writing null", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow("Non-finite number");
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow("Non-finite number");
  });
});
