/**
 * One table for every section: a row is one figure (median of its runs, with the min–max of
 * the runs), optionally with a ratio against a baseline measured in the same runs.
 */
import { formatBytes, formatNumber, formatRatio, summarize, type Summary } from "./stats.js";

/** How a row's numbers read. */
export type Unit = "µs" | "ms" | "s" | "req/s" | "B";

export interface Ratio {
  /** The ratio's summary over runs (each run's ratio is taken within that run). */
  readonly summary: Summary;
  /** What the row is compared with, e.g. "fetch stub". */
  readonly baseline: string;
}

export interface Row {
  readonly section: string;
  readonly measure: string;
  readonly unit: Unit;
  /** One sample per run; a single sample for deterministic figures (sizes). */
  readonly samples: readonly number[];
  readonly summary: Summary;
  readonly ratio?: Ratio | undefined;
  readonly note?: string | undefined;
}

export interface RowInput {
  section: string;
  measure: string;
  unit: Unit;
  samples: readonly number[];
  ratio?: { samples: readonly number[]; baseline: string } | undefined;
  note?: string | undefined;
}

export function row(input: RowInput): Row {
  const ratio = input.ratio?.samples.some(Number.isFinite)
    ? { summary: summarize(input.ratio.samples), baseline: input.ratio.baseline }
    : undefined;
  return {
    section: input.section,
    measure: input.measure,
    unit: input.unit,
    samples: [...input.samples],
    summary: summarize(input.samples),
    ratio,
    note: input.note,
  };
}

export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case "B":
      return formatBytes(value);
    case "req/s":
      return `${formatNumber(value)} req/s`;
    default:
      return `${formatNumber(value)} ${unit}`;
  }
}

function formatBare(value: number, unit: Unit): string {
  return unit === "B" ? formatBytes(value) : formatNumber(value);
}

/** The spread column: min–max of the runs, "–" for a single run. */
export function formatSpread(summary: Summary, unit: Unit): string {
  if (summary.n < 2) return "–";
  return `${formatBare(summary.min, unit)}–${formatBare(summary.max, unit)}`;
}

export function formatRatioCell(ratio: Ratio | undefined): string {
  if (!ratio) return "";
  const { summary } = ratio;
  const range = summary.n > 1 ? ` [${formatNumber(summary.min)}–${formatNumber(summary.max)}]` : "";
  return `${formatRatio(summary.median)}${range} vs ${ratio.baseline}`;
}

const HEADERS = ["section", "measure", "median", "spread (min–max)", "runs", "ratio, same run [min–max]", "note"] as const;

function cells(rows: readonly Row[]): string[][] {
  let previous = "";
  return rows.map((r) => {
    const section = r.section === previous ? "" : r.section;
    previous = r.section;
    return [
      section,
      r.measure,
      formatValue(r.summary.median, r.unit),
      formatSpread(r.summary, r.unit),
      String(r.summary.n),
      formatRatioCell(r.ratio),
      r.note ?? "",
    ];
  });
}

const NUMERIC = new Set([2, 3, 4]);

/**
 * A plain-text table for the terminal: one block per section, under the section's name, with
 * the columns aligned across the whole table.
 */
export function renderText(rows: readonly Row[]): string {
  const body = cells(rows);
  const columns = HEADERS.map((_, column) => column).filter((column) => column !== 0);
  const all = [[...HEADERS], ...body];
  const width = (column: number): number => Math.max(...all.map((line) => [...line[column]!].length));
  const widths = new Map(columns.map((column) => [column, width(column)]));
  const pad = (text: string, column: number): string => {
    const fill = " ".repeat(widths.get(column)! - [...text].length);
    return NUMERIC.has(column) ? fill + text : text + fill;
  };
  const render = (line: readonly string[]): string => `  ${columns.map((column) => pad(line[column]!, column)).join("  ")}`.trimEnd();
  const out: string[] = [render(HEADERS), `  ${columns.map((column) => "─".repeat(widths.get(column)!)).join("  ")}`];
  for (const line of body) {
    if (line[0] !== "") out.push("", line[0]!);
    out.push(render(line));
  }
  return `${out.join("\n")}\n`;
}

const escapeCell = (text: string): string => text.replace(/\|/g, "\\|");

/** The same table as GitHub Markdown. */
export function renderMarkdown(rows: readonly Row[]): string {
  const body = cells(rows);
  const align = HEADERS.map((_, column) => (NUMERIC.has(column) ? "---:" : "---"));
  const lines = [
    `| ${HEADERS.join(" | ")} |`,
    `| ${align.join(" | ")} |`,
    ...body.map((line) => `| ${line.map(escapeCell).join(" | ")} |`),
  ];
  return `${lines.join("\n")}\n`;
}
