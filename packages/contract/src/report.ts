/** Renders a verification report: a plain-text table for people, JUnit XML for CI. */
import type { VerifyReport } from "./verify.js";

const HEADINGS = ["operation", "method path", "status", "result", "problems"] as const;

/** One row per operation; problems are joined with "; " so a row stays one line. */
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
  const summary =
    `${report.api} against ${report.target}: ${report.passed} passed, ${report.failed} failed` +
    `${report.skipped ? `, ${report.skipped} skipped` : ""} (${report.durationMs} ms)`;
  return [line(HEADINGS), rule, ...rows.map(line), "", summary].join("\n");
}

const escapeXml = (text: string): string =>
  text
    // Characters XML 1.0 cannot hold at all (the class names the allowed ones, tab, LF and CR included).
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** JUnit XML: one testsuite per API, one testcase per operation (skipped ones marked so). */
export function toJUnit(reports: readonly VerifyReport[]): string {
  const total = (key: "passed" | "failed" | "skipped") => reports.reduce((sum, report) => sum + report[key], 0);
  const tests = reports.reduce((sum, report) => sum + report.results.length, 0);
  const time = reports.reduce((sum, report) => sum + report.durationMs, 0);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="contract verify" tests="${tests}" failures="${total("failed")}" errors="0" skipped="${total("skipped")}" time="${seconds(time)}">`,
  ];
  for (const report of reports) {
    lines.push(
      `  <testsuite name="${escapeXml(`verify ${report.api}`)}" tests="${report.results.length}" failures="${report.failed}" errors="0" ` +
        `skipped="${report.skipped}" time="${seconds(report.durationMs)}">`,
      `    <properties><property name="target" value="${escapeXml(report.target)}"/></properties>`,
    );
    for (const result of report.results) {
      const name = `${result.operationId} (${result.method} ${result.path})`;
      const open = `    <testcase classname="${escapeXml(`contract.verify.${report.api}`)}" name="${escapeXml(name)}" time="${seconds(result.durationMs)}"`;
      if (result.outcome === "pass") {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      const message = escapeXml(result.problems.join("; "));
      if (result.outcome === "skip") lines.push(`      <skipped message="${message}"/>`);
      else {
        const status = result.status === undefined ? "no answer" : `status ${result.status}`;
        lines.push(`      <failure message="${message}" type="ContractViolation">${escapeXml([status, ...result.problems].join("\n"))}</failure>`);
      }
      lines.push(`    </testcase>`);
    }
    lines.push(`  </testsuite>`);
  }
  lines.push(`</testsuites>`, "");
  return lines.join("\n");
}
