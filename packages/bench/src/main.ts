/**
 * `pnpm bench` (from the repo root, after `turbo run build`): runs every section, prints one
 * table on stdout (progress on stderr) and writes it to bench/results/ as JSON and Markdown.
 *
 *   pnpm bench                    every section (a few minutes on 2 cores)
 *   pnpm bench --quick            fewer, shorter runs
 *   pnpm bench --only mock        one section (repeat --only, or separate names by commas)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, platform, release } from "node:os";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { repoRoot } from "@openregions/apis";
import { deadline, progress } from "./measure.js";
import { renderMarkdown, renderText, type Row } from "./report.js";
import { buildSection } from "./sections/build.js";
import { bundleSection } from "./sections/bundle.js";
import { clientSection } from "./sections/client.js";
import { docsSection } from "./sections/docs.js";
import { loopbackSection } from "./sections/loopback.js";
import { mockSection } from "./sections/mock.js";
import type { Section } from "./sections/types.js";

/** In run order. The build section runs last: it rebuilds the dist folders the others read. */
const SECTIONS: readonly Section[] = [clientSection, loopbackSection, bundleSection, mockSection, docsSection, buildSection];

const USAGE = `usage: pnpm bench [--quick] [--only <section>]...

  --quick           fewer and shorter runs (figures are noisier)
  --only <section>  run only this section; repeat it or list names separated by commas
  -h, --help        this help

sections:
${SECTIONS.map((s) => `  ${s.name.padEnd(10)} ${s.summary}`).join("\n")}

The table goes to stdout, progress to stderr; both the table (Markdown) and every sample
(JSON) are written to bench/results/.`;

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parseCli(argv: string[]): { quick: boolean; sections: Section[] } {
  const options = {
    quick: { type: "boolean", default: false },
    only: { type: "string", multiple: true },
    help: { type: "boolean", short: "h", default: false },
  } as const;
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options }>>["values"];
  try {
    ({ values } = parseArgs({ args: argv, options }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const names = (values.only ?? []).flatMap((value) => value.split(",")).map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (!SECTIONS.some((section) => section.name === name)) fail(`unknown section "${name}"`);
  }
  const sections = names.length === 0 ? [...SECTIONS] : SECTIONS.filter((section) => names.includes(section.name));
  return { quick: values.quick ?? false, sections };
}

function commit(): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

interface Failure {
  section: string;
  message: string;
}

const { quick, sections } = parseCli(process.argv.slice(2));
const startedAt = new Date();
const t0 = performance.now();
const environment = {
  date: startedAt.toISOString(),
  mode: quick ? "quick" : "full",
  sections: sections.map((s) => s.name),
  node: process.version,
  os: `${platform()} ${release()}`,
  cpu: `${cpus()[0]?.model.trim() ?? "unknown CPU"} × ${cpus().length}`,
  commit: commit(),
};
progress(`${environment.mode} run of ${environment.sections.join(", ")} on ${environment.cpu}, Node ${environment.node}`);

const rows: Row[] = [];
const failures: Failure[] = [];
for (const section of sections) {
  const budget = quick ? section.budgetSeconds.quick : section.budgetSeconds.full;
  progress(`${section.name}: start (budget ${budget} s)`);
  const sectionStart = performance.now();
  try {
    rows.push(...(await section.run({ quick, repoRoot, until: deadline(budget * 1000) })));
    progress(`${section.name}: done in ${((performance.now() - sectionStart) / 1000).toFixed(1)} s`);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push({ section: section.name, message: error instanceof Error ? error.message : String(error) });
    process.stderr.write(`bench: section ${section.name} failed:\n${message}\n`);
  }
}
const seconds = (performance.now() - t0) / 1000;

const heading = `openregions bench, ${environment.date} (${environment.mode}${environment.commit ? `, commit ${environment.commit}` : ""}): ${environment.cpu}, Node ${environment.node}, ${seconds.toFixed(0)} s`;
const failureText = failures.map((f) => `FAILED ${f.section}: ${f.message.split("\n")[0]}`).join("\n");
process.stdout.write(`\n${heading}\n\n${renderText(rows)}${failureText ? `\n${failureText}\n` : ""}`);

const resultsDir = join(repoRoot, "bench", "results");
mkdirSync(resultsDir, { recursive: true });
const stamp = environment.date.replace(/[:.]/g, "-");
const json = `${JSON.stringify({ ...environment, durationSeconds: seconds, rows, failures }, null, 2)}\n`;
const markdown = [
  `# openregions bench`,
  "",
  `${environment.date} · ${environment.mode} run · ${environment.cpu} · Node ${environment.node} · ${environment.os}${environment.commit ? ` · commit ${environment.commit}` : ""} · ${seconds.toFixed(0)} s`,
  "",
  "Each figure is the median of its runs; the spread is the min–max of the runs. A ratio is taken run by run against a baseline measured in the same run.",
  "",
  renderMarkdown(rows),
  ...(failures.length ? ["", ...failures.map((f) => `- **${f.section} failed**: ${f.message.split("\n")[0]}`), ""] : []),
].join("\n");
for (const name of [`bench-${stamp}`, "latest"]) {
  writeFileSync(join(resultsDir, `${name}.json`), json);
  writeFileSync(join(resultsDir, `${name}.md`), markdown);
}
progress(`wrote ${relative(process.cwd(), join(resultsDir, `bench-${stamp}.{json,md}`))} (and latest.{json,md})`);
process.exit(failures.length > 0 ? 1 : 0);
