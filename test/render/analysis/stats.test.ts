import { describe, expect, it } from "vitest";
import { mulberry32, samplePositions } from "../../../src/render/analysis/random.js";
import {
  boxStats,
  etaSquared,
  incompleteBeta,
  spearman,
  studentTwoSidedP,
  welchTest,
} from "../../../src/render/analysis/stats.js";

// Reference values from SciPy 1.17 (scipy.special.betainc, scipy.stats.t.sf, ttest_ind(equal_var=False), spearmanr).
describe("the t distribution and Welch's test agree with SciPy", () => {
  it("computes the regularized incomplete beta function", () => {
    expect(incompleteBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.018927124071945658, 12);
    expect(incompleteBeta(0.9, 0.5, 3)).toBeCloseTo(0.9996750253207289, 12);
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
  });

  it("gives two-sided p-values of Student's t, integer and fractional degrees of freedom", () => {
    expect(studentTwoSidedP(2.228138851986274, 10)).toBeCloseTo(0.05, 10);
    expect(studentTwoSidedP(12.706204736174703, 1)).toBeCloseTo(0.05, 10);
    expect(studentTwoSidedP(2.0, 4.5)).toBeCloseTo(0.10825790718112499, 10);
    expect(studentTwoSidedP(3.1, 7.3)).toBeCloseTo(0.016430118131617166, 10);
    expect(studentTwoSidedP(-0.5, 2.2)).toBeCloseTo(0.6626499222574829, 10);
    expect(studentTwoSidedP(0, 5)).toBe(1);
    expect(studentTwoSidedP(Infinity, 5)).toBe(0);
  });

  it("runs Welch's t-test as SciPy's ttest_ind(equal_var=False)", () => {
    const r = welchTest([1.0, 1.2, 0.9, 1.1], [0.8, 0.85, 1.0, 0.7, 0.9]);
    expect(r?.t).toBeCloseTo(2.449489742783179, 10);
    expect(r?.df).toBeCloseTo(6.04724409448819, 10);
    expect(r?.p).toBeCloseTo(0.049511150631081906, 10);
    const close = welchTest([0.91, 0.905, 0.915, 0.9, 0.91], [0.905, 0.912, 0.899, 0.908, 0.902]);
    expect(close?.p).toBeCloseTo(0.4359056563889191, 10);
    expect(close?.df).toBeCloseTo(7.8922609131260435, 10);
  });

  it("cannot test a side with one value, and treats spread-free samples exactly", () => {
    expect(welchTest([1], [2, 3])).toBeNull();
    expect(welchTest([2, 2], [1, 1])?.p).toBe(0);
    expect(welchTest([2, 2], [2, 2])?.p).toBe(1);
  });
});

describe("correlations and summaries", () => {
  it("gives Spearman's rho with mid-ranks for ties, and null for a constant", () => {
    expect(spearman([1, 2, 2, 3, 4], [10, 20, 20, 25, 5])).toBeCloseTo(-0.052631578947368425, 12);
    expect(spearman([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
  });

  it("gives eta squared of a grouping", () => {
    expect(etaSquared([0, 0, 1, 1, 2, 2], [1, 2, 3, 4, 8, 9])).toBeCloseTo(0.9719626168224299, 12);
    expect(etaSquared([0, 0, 1, 1], [5, 5, 5, 5])).toBeNull();
  });

  it("summarises a sample for a box", () => {
    expect(boxStats([5, 1, 3, 2, 4])).toEqual({ n: 5, min: 1, q1: 2, median: 3, q3: 4, max: 5, mean: 3 });
  });
});

describe("seeded randomness", () => {
  it("repeats the same numbers for the same seed and differs for another", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("samples distinct positions, keeps the ones asked for, and does not alias with a grid's period", () => {
    const picked = samplePositions(10_000, 400, 3, [9_999]);
    expect(picked).toHaveLength(400);
    expect(new Set(picked).size).toBe(400);
    expect(picked).toContain(9_999);
    // A 4 × 5 grid repeats every 20 records: a sample must reach every one of its 20 configurations.
    expect(new Set(picked.map((p) => p % 20)).size).toBe(20);
    expect(samplePositions(5, 10, 3)).toEqual([0, 1, 2, 3, 4]);
  });
});
