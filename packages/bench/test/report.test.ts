import { describe, expect, it } from "vitest";
import { formatRatioCell, formatSpread, renderMarkdown, renderText, row } from "../src/report.js";

const rows = [
  row({ section: "client", measure: "fetch", unit: "µs", samples: [10, 12, 11] }),
  row({ section: "client", measure: "ours", unit: "µs", samples: [20, 30, 22], ratio: { samples: [2, 2.5, 2], baseline: "fetch" } }),
  row({ section: "bundle", measure: "a|b", unit: "B", samples: [13_400], note: "minified 36.3 kB" }),
];

describe("rows", () => {
  it("summarize their samples and their same-run ratios", () => {
    expect(rows[1]!.summary.median).toBe(22);
    expect(rows[1]!.ratio?.summary.median).toBe(2);
    expect(formatRatioCell(rows[1]!.ratio)).toBe("2.00× [2.00–2.50] vs fetch");
  });

  it("show min–max as the spread, and none for a single run", () => {
    expect(formatSpread(rows[0]!.summary, "µs")).toBe("10.0–12.0");
    expect(formatSpread(rows[2]!.summary, "B")).toBe("–");
  });
});

describe("rendering", () => {
  it("prints one block per section with the median and its unit", () => {
    const text = renderText(rows);
    expect(text).toMatch(/^\s*measure\s+median/);
    expect(text).toContain("\nclient\n");
    expect(text).toContain("\nbundle\n");
    expect(text).toMatch(/ours\s+22\.0 µs\s+20\.0–30\.0\s+3\s+2\.00× \[2\.00–2\.50\] vs fetch/);
    expect(text).toContain("13.4 kB");
  });

  it("writes a Markdown table with one line per row and escaped pipes", () => {
    const markdown = renderMarkdown(rows).trim().split("\n");
    expect(markdown).toHaveLength(2 + rows.length);
    expect(markdown[1]).toContain("---:");
    expect(markdown[4]).toContain("a\\|b");
    expect(markdown[3]!.startsWith("|  | ours")).toBe(true); // the section is named once
  });
});
