import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadBundledSpec } from "@openregions/apis";
import { CHECK_DESCRIPTIONS, CHECKS, parseChecks, type CheckName } from "../check/checks.js";
import { checkJUnit, formatCheckTable } from "../check/report.js";
import { DEFAULT_CASES, DEFAULT_MAX_REQUESTS, DEFAULT_MAX_TIME_MS, runChecks } from "../check/run.js";
import { UsageError } from "../credentials.js";
import { createSpecValidator } from "../spec-validator.js";
import { DEFAULT_TIMEOUT_MS } from "../verify.js";
import { apiNamed, type CliIo, type ExitCode } from "./io.js";
import { CREDENTIAL_OPTIONS, CREDENTIAL_USAGE, readCredentials, verdictOf } from "./verify-command.js";

const width = Math.max(...CHECKS.map((name) => name.length));

export const CHECK_USAGE = `contract check --api <name> --target <url> [credentials] [--writes] [--checks a,b] [--max-requests N]
               [--max-time <s>] [--cases N] [--seed S] [--junit <file>] [--timeout <ms>]
  Runs named checks that look for the bugs servers have, and prints one row per check and
  operation. The spec's example of each operation comes first (as verify sends it), then
  schema-satisfying variants, schema-breaking requests (fast-check over the schemas), requests
  without and with wrong credentials, undocumented methods, and the sequences of the spec's
  links; every answer is also held to the five conformance checks. A failing row prints the case,
  the start of the body and the curl line that replays it (credentials masked); the same --seed
  replays the same cases. Without --writes only safe operations and logins are sent (POST, PUT,
  PATCH and DELETE need --writes; use a test account: what a creation makes is deleted again
  where the spec has a delete).
  Bounded: at most --max-requests requests (default ${DEFAULT_MAX_REQUESTS}) and --max-time seconds (default
  ${DEFAULT_MAX_TIME_MS / 1000}); --cases generated cases per check and operation (default ${DEFAULT_CASES}); --timeout
  per request (default ${DEFAULT_TIMEOUT_MS} ms).
  Exit 0 when every row passes (or is skipped), 1 on a failure or a request without answer, 2 on a
  usage error, 3 when nothing failed but some rows were inconclusive (credentials refused).
  checks (--checks a,b; all by default):
${CHECKS.map((name) => `    ${name.padEnd(width)}  ${CHECK_DESCRIPTIONS[name]}`).join("\n")}
${CREDENTIAL_USAGE}`;

const positiveInteger = (flag: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`${flag} takes a positive whole number, got "${text}"`);
  return value;
};

export async function checkCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      api: { type: "string" },
      target: { type: "string" },
      writes: { type: "boolean", default: false },
      checks: { type: "string" },
      "max-requests": { type: "string" },
      "max-time": { type: "string" },
      cases: { type: "string" },
      seed: { type: "string" },
      junit: { type: "string" },
      timeout: { type: "string" },
      ...CREDENTIAL_OPTIONS,
    },
  });
  if (!values.api) throw new UsageError("check needs --api <name>");
  if (!values.target) throw new UsageError("check needs --target <url>");
  const api = apiNamed(values.api);
  let checks: CheckName[];
  try {
    checks = parseChecks(values.checks);
  } catch (error) {
    throw new UsageError(`--checks: ${(error as Error).message}`);
  }
  if (values.seed !== undefined && !/^-?\d{1,10}$/.test(values.seed)) throw new UsageError(`--seed takes a whole number, got "${values.seed}"`);
  const maxRequests = positiveInteger("--max-requests", values["max-requests"]);
  const maxTime = positiveInteger("--max-time", values["max-time"]);
  const cases = positiveInteger("--cases", values.cases);
  const timeoutMs = positiveInteger("--timeout", values.timeout);
  const credentials = readCredentials(values, io);
  const spec = loadBundledSpec(api);
  const report = await runChecks({
    api,
    spec,
    validator: createSpecValidator(spec),
    target: values.target,
    credentials,
    writes: values.writes,
    checks,
    ...(maxRequests === undefined ? {} : { maxRequests }),
    ...(maxTime === undefined ? {} : { maxTimeMs: maxTime * 1000 }),
    ...(cases === undefined ? {} : { cases }),
    ...(values.seed === undefined ? {} : { seed: Number(values.seed) | 0 }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  io.stdout(`${formatCheckTable(report)}\n`);
  if (values.junit) {
    const file = resolve(io.cwd, values.junit);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, checkJUnit([report]));
    io.stdout(`JUnit report: ${file}\n`);
  }
  return verdictOf(report); // the same verdict as verify's
}
