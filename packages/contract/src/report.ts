/** Renders a verification report: a plain-text table for people, JUnit XML for CI. */
import type { OperationResult, RunSummary, VerifyOutcome, VerifyReport } from "./verify.js";

const HEADINGS = ["operation", "method path", "status", "result", "problems"] as const;

/** The run's counts, e.g. "4 passed, 1 failed, 1 error, 5 skipped" (zero errors, inconclusive and skipped are left out); `verify`'s and `check`'s alike. */
export function summaryCounts(report: RunSummary): string {
  const optional = [
    [report.errors, report.errors === 1 ? "error" : "errors"],
    [report.inconclusive, "inconclusive"],
    [report.skipped, "skipped"],
  ] as const;
  return [`${report.passed} passed`, `${report.failed} failed`, ...optional.filter(([count]) => count > 0).map(([count, word]) => `${count} ${word}`)].join(", ");
}

/**
 * One row per operation; problems are joined with "; " so a row stays one line. An operation
 * that did not pass gets the start of the answer's body on the line below its row.
 */
export function formatTable(report: VerifyReport): string {
  const rows = report.results.map((result) => [
    result.operationId,
    `${result.method} ${result.path}`,
    result.status === undefined ? "-" : String(result.status),
    result.outcome.toUpperCase(),
    result.problems.join("; ") || "-",
  ]);
  const widths = HEADINGS.map((heading, column) => Math.max(heading.length, ...rows.map((row) => row[column]!.length)));
  // The problems column is last: it is not padded, so long messages do not widen every row.
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ").trimEnd();
  const rule = widths.map((width, column) => "-".repeat(column === widths.length - 1 ? HEADINGS[column]!.length : width)).join("  ");
  const summary = `${report.api} against ${report.target}: ${summaryCounts(report)} (${report.durationMs} ms)`;
  const indent = " ".repeat(widths[0]! + 2);
  const body = rows.flatMap((row, index) => {
    const excerpt = report.results[index]!.excerpt;
    return excerpt === undefined ? [line(row)] : [line(row), `${indent}body: ${excerpt}`];
  });
  return [line(HEADINGS), rule, ...body, "", summary, ...report.notes].join("\n");
}

export const escapeXml = (text: string): string =>
  text
    // Characters XML 1.0 cannot hold at all (the class names the allowed ones, tab, LF and CR included).
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

const JUNIT_ERROR_TYPE: Partial<Record<VerifyOutcome, string>> = { error: "NoAnswer", inconclusive: "Inconclusive" };

/** The text inside a <failure> or <error>: the status, the problems, the body excerpt. */
function details(result: OperationResult): string {
  const status = result.status === undefined ? "no answer" : `status ${result.status}`;
  return [status, ...result.problems, ...(result.excerpt === undefined ? [] : [`body: ${result.excerpt}`])].join("\n");
}

/** One testcase element; a non-passing one carries its <failure>, <error> or <skipped>. */
function testcase(report: VerifyReport, result: OperationResult): string[] {
  const name = `${result.operationId} (${result.method} ${result.path})`;
  const open = `    <testcase classname="${escapeXml(`contract.verify.${report.api}`)}" name="${escapeXml(name)}" time="${seconds(result.durationMs)}"`;
  if (result.outcome === "pass") return [`${open}/>`];
  const message = escapeXml(result.problems.join("; "));
  const errorType = JUNIT_ERROR_TYPE[result.outcome];
  const inner =
    result.outcome === "skip"
      ? `      <skipped message="${message}"/>`
      : errorType
        ? `      <error message="${message}" type="${errorType}">${escapeXml(details(result))}</error>`
        : `      <failure message="${message}" type="ContractViolation">${escapeXml(details(result))}</failure>`;
  return [`${open}>`, inner, `    </testcase>`];
}

/**
 * JUnit XML: one testsuite per API, one testcase per operation. A contract violation is a
 * <failure>; no answer (timeout, refused connection) and an inconclusive call are <error>s.
 */
export function toJUnit(reports: readonly VerifyReport[]): string {
  const total = (key: "failed" | "skipped" | "errors" | "inconclusive") => reports.reduce((sum, report) => sum + report[key], 0);
  const errors = (report: VerifyReport) => report.errors + report.inconclusive;
  const tests = reports.reduce((sum, report) => sum + report.results.length, 0);
  const time = reports.reduce((sum, report) => sum + report.durationMs, 0);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="contract verify" tests="${tests}" failures="${total("failed")}" errors="${total("errors") + total("inconclusive")}" ` +
      `skipped="${total("skipped")}" time="${seconds(time)}">`,
  ];
  for (const report of reports) {
    lines.push(
      `  <testsuite name="${escapeXml(`verify ${report.api}`)}" tests="${report.results.length}" failures="${report.failed}" errors="${errors(report)}" ` +
        `skipped="${report.skipped}" time="${seconds(report.durationMs)}">`,
      `    <properties><property name="target" value="${escapeXml(report.target)}"/></properties>`,
    );
    for (const result of report.results) lines.push(...testcase(report, result));
    lines.push(`  </testsuite>`);
  }
  lines.push(`</testsuites>`, "");
  return lines.join("\n");
}
