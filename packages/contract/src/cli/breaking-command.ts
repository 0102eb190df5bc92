import { relative } from "node:path";
import { parseArgs } from "node:util";
import { apis, repoRoot, type ApiDefinition } from "@openregions/apis";
import { checkAgainstBaseline, DEFAULT_FAIL_ON, formatChanges, loadBaseline, writeBaseline } from "../breaking.js";
import { UsageError } from "../credentials.js";
import { apiNamed, EXIT, type CliIo, type ExitCode } from "./io.js";

export const BREAKING_USAGE = `contract breaking [--api <name>]... [--fail-on ERR|WARN]
  Compares each spec's current bundle with its baseline (baselines/<api>.json, the bundle of
  the last released version) using oasdiff. Exit 1 when a change at the --fail-on level or
  above is found (default ${DEFAULT_FAIL_ON}: warnings such as a removed optional response field
  or a new response enum value fail too), unless the spec's info.version starts a new major
  version over the baseline's; 0 otherwise.`;

export const BASELINE_USAGE = `contract baseline (--api <name>... | --all)
  On release: writes the current bundle of each API as its new baseline (baselines/<api>.json).
  Bump info.version in the spec first; see baselines/README.md.`;

function selected(names: string[] | undefined, all: boolean): ApiDefinition[] {
  if (names && names.length > 0) return names.map(apiNamed);
  if (all) return [...apis];
  throw new UsageError("name the APIs with --api <name>, or pass --all");
}

export async function breakingCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({ args, strict: true, options: { api: { type: "string", multiple: true }, "fail-on": { type: "string" } } });
  const failOn = (values["fail-on"] ?? DEFAULT_FAIL_ON).toUpperCase();
  if (failOn !== "ERR" && failOn !== "WARN") throw new UsageError(`--fail-on must be ERR or WARN, got "${values["fail-on"]}"`);
  let failed = false;
  for (const api of selected(values.api, true)) {
    const result = await checkAgainstBaseline(api, failOn);
    failed ||= !result.passed;
    const count = result.blocking.length;
    const verdict = count === 0 ? "ok" : result.newMajor ? `${count} breaking change(s), declared by the new major version` : `FAIL: ${count} breaking change(s)`;
    const below = result.changes.length - count;
    io.stdout(`${api.name.padEnd(12)} ${result.currentVersion} against baseline ${result.baselineVersion}: ${verdict}${below > 0 ? ` (${below} below ${failOn})` : ""}\n`);
    if (result.changes.length > 0) io.stdout(`${formatChanges(result.changes).join("\n")}\n`);
  }
  if (failed) {
    io.stdout(
      "\nA released client may break. Make the change compatible (optional field, new operation, wider type), or, when\n" +
        "the break is deliberate, bump the major of info.version in the spec (see baselines/README.md).\n",
    );
  }
  return failed ? EXIT.failed : EXIT.ok;
}

export async function baselineCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({ args, strict: true, options: { api: { type: "string", multiple: true }, all: { type: "boolean", default: false } } });
  for (const api of selected(values.api, values.all)) {
    const previous = await loadBaseline(api).catch(() => undefined);
    const { path, version } = await writeBaseline(api);
    const note = previous && previous.info.version === version ? ` (same info.version as before: bump it when you release a change)` : "";
    io.stdout(`${api.name.padEnd(12)} baseline ${previous?.info.version ?? "(none)"} → ${version}: ${relative(repoRoot, path)}${note}\n`);
  }
  return EXIT.ok;
}
