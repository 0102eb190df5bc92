/** Renders a check report: one row per check and operation for people, JUnit XML for CI. */
import { escapeXml, summaryCounts } from "../report.js";
import type { CheckReport, CheckRow } from "./run.js";

const HEADINGS = ["check", "operation", "method path", "requests", "result", "problems"] as const;

/** The run's counts, worded as `verify` words them. */
export const checkSummary: (report: CheckReport) => string = summaryCounts;

/** The table; under a failing row, the case, the body's start and the curl line that replays it. */
export function formatCheckTable(report: CheckReport): string {
  const cells = report.rows.map((row) => [
    row.check,
    row.subject,
    row.where,
    String(row.requests),
    row.outcome.toUpperCase(),
    `${row.failedCases > 1 ? `${row.failedCases} cases failed, the first: ` : ""}${row.problems.join("; ")}` || "-",
  ]);
  const widths = HEADINGS.map((heading, column) => Math.max(heading.length, ...cells.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ").trimEnd();
  const rule = widths.map((width, column) => "-".repeat(column === widths.length - 1 ? HEADINGS[column]!.length : width)).join("  ");
  const body = report.rows.flatMap((row, index) => {
    const lines = [line(cells[index]!)];
    if (row.outcome === "fail") {
      if (row.case) lines.push(`    case: ${row.case}${row.status === undefined ? "" : ` → ${row.status}`}`);
      if (row.excerpt) lines.push(`    body: ${row.excerpt}`);
      if (row.reproduce) lines.push(`    replay (--seed ${report.seed}): ${row.reproduce}`);
    }
    return lines;
  });
  const summary = `${report.api} against ${report.target}: ${checkSummary(report)} (${report.requests} requests, ${report.durationMs} ms, seed ${report.seed})`;
  return [line(HEADINGS), rule, ...body, "", summary, ...report.notes].join("\n");
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function testcase(report: CheckReport, row: CheckRow): string[] {
  const open = `    <testcase classname="${escapeXml(`contract.check.${report.api}.${row.check}`)}" name="${escapeXml(`${row.subject} (${row.where})`)}" time="0"`;
  if (row.outcome === "pass") return [`${open}/>`];
  const message = escapeXml(row.problems.join("; "));
  if (row.outcome === "skip") return [`${open}>`, `      <skipped message="${message}"/>`, "    </testcase>"];
  const details = escapeXml(
    [
      ...row.problems,
      ...(row.case ? [`case: ${row.case}`] : []),
      ...(row.excerpt ? [`body: ${row.excerpt}`] : []),
      ...(row.reproduce ? [`replay (--seed ${report.seed}): ${row.reproduce}`] : []),
    ].join("\n"),
  );
  const element = row.outcome === "fail" ? `<failure message="${message}" type="ContractViolation">` : `<error message="${message}" type="${row.outcome === "error" ? "NoAnswer" : "Inconclusive"}">`;
  return [`${open}>`, `      ${element}${details}${row.outcome === "fail" ? "</failure>" : "</error>"}`, "    </testcase>"];
}

/** JUnit XML: one testsuite per API, one testcase per check and operation; failures apart from errors (no answer, inconclusive). */
export function checkJUnit(reports: readonly CheckReport[]): string {
  const sum = (pick: (report: CheckReport) => number) => reports.reduce((total, report) => total + pick(report), 0);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="contract check" tests="${sum((r) => r.rows.length)}" failures="${sum((r) => r.failed)}" errors="${sum((r) => r.errors + r.inconclusive)}" ` +
      `skipped="${sum((r) => r.skipped)}" time="${seconds(sum((r) => r.durationMs))}">`,
  ];
  for (const report of reports) {
    lines.push(
      `  <testsuite name="${escapeXml(`check ${report.api}`)}" tests="${report.rows.length}" failures="${report.failed}" errors="${report.errors + report.inconclusive}" ` +
        `skipped="${report.skipped}" time="${seconds(report.durationMs)}">`,
      `    <properties><property name="target" value="${escapeXml(report.target)}"/><property name="seed" value="${report.seed}"/>` +
        `<property name="requests" value="${report.requests}"/></properties>`,
    );
    for (const row of report.rows) lines.push(...testcase(report, row));
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>", "");
  return lines.join("\n");
}
