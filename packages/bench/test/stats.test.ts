import { describe, expect, it } from "vitest";
import { formatBytes, formatNumber, formatRatio, median, pairedRatios, perSecond, quantile, quantileSorted, summarize } from "../src/stats.js";

describe("quantiles", () => {
  it("interpolates linearly between ranks, like numpy's default", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([10], 0.99)).toBe(10);
    expect(quantile([5, 1, 3], 0)).toBe(1);
    expect(quantile([5, 1, 3], 1)).toBe(5);
  });

  it("takes the middle value of an odd count and ignores NaN and infinities", () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([Number.NaN, 4, Number.POSITIVE_INFINITY, 2])).toBe(3);
  });

  it("refuses to summarize nothing rather than print a made-up figure", () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => median([Number.NaN])).toThrow(RangeError);
    expect(() => quantileSorted([1, 2], 1.5)).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it("gives median, quartiles and extremes of the runs", () => {
    expect(summarize([7, 1, 3, 5, 9])).toEqual({ n: 5, median: 5, min: 1, max: 9, q1: 3, q3: 7 });
  });

  it("does not reorder the caller's samples", () => {
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe("pairedRatios", () => {
  it("divides run i by run i of the baseline, so both sides come from the same run", () => {
    expect(pairedRatios([2, 6, 9], [1, 3, 3])).toEqual([2, 2, 3]);
  });

  it("drops runs with a zero, missing or non-finite side", () => {
    expect(pairedRatios([2, 4, Number.NaN, 8], [0, 2, 1])).toEqual([2]);
  });

  it("is not the ratio of the medians", () => {
    // medians 5 and 5 (ratio 1), but every run of the numerator was twice its baseline run or half
    const ratios = pairedRatios([2, 5, 20], [1, 10, 10]);
    expect(median(ratios)).toBe(2);
  });
});

describe("perSecond", () => {
  it("turns a count over milliseconds into a rate", () => {
    expect(perSecond(500, 250)).toBe(2000);
    expect(perSecond(1, 0)).toBeNaN();
  });
});

describe("formatting", () => {
  it("keeps three significant digits and groups thousands", () => {
    expect(formatNumber(0.01234)).toBe("0.012");
    expect(formatNumber(1.2345)).toBe("1.23");
    expect(formatNumber(12.345)).toBe("12.3");
    expect(formatNumber(123.45)).toBe("123");
    expect(formatNumber(12345.6)).toBe("12,346");
    expect(formatNumber(Number.NaN)).toBe("n/a");
  });

  it("prints sizes in powers of 1000 and ratios with a ×", () => {
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(13_412)).toBe("13.4 kB");
    expect(formatBytes(2_290_276)).toBe("2.29 MB");
    expect(formatRatio(4.612)).toBe("4.61×");
  });
});
