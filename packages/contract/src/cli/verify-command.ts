import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadBundledSpec } from "@openregions/apis";
import { CREDENTIAL_ENV, UsageError, type Credentials } from "../credentials.js";
import { MIN_SECRET_LENGTH, tooShortSecrets } from "../masking.js";
import { formatTable, toJUnit } from "../report.js";
import { createSpecValidator, type SpecValidator } from "../spec-validator.js";
import { DEFAULT_TIMEOUT_MS, verifyProvider, type AllowedStatus, type RunSummary } from "../verify.js";
import { apiNamed, EXIT, type CliIo, type ExitCode } from "./io.js";

/** The credential flags, as both verify and check describe them. */
export const CREDENTIAL_USAGE = `  credentials (placeholders when absent; flags win over the environment variables named):
    --bearer <token>       Scalingo JWT, Huawei IAM token, Rainbond management token  ${CREDENTIAL_ENV.bearer}
    --api-token <token>    Scalingo API token, exchanged for a bearer first          ${CREDENTIAL_ENV.apiToken}
    --access-key <key>     Rainbond personal access key                              ${CREDENTIAL_ENV.accessKey}
    --username <name>      password login: Huawei IAM (with --password --domain
    --password <secret>    [--project]), Scalingo login (createToken, --writes only)  ${CREDENTIAL_ENV.username} ...
    --domain <name>
    --project <name>
  Real credentials go only to https targets or to loopback addresses, and are never printed;
  secrets shorter than ${MIN_SECRET_LENGTH} characters are refused.`;

export const VERIFY_USAGE = `contract verify --api <name> --target <url> [credentials] [--writes] [--allow-status [<operationId>=]<status>]...
                [--junit <file>] [--timeout <ms>]
  Calls every safe operation (GET, HEAD, and the logins: Scalingo's token exchange, Huawei IAM's
  password login) of the API against a running server with the spec's example requests, and
  checks each answer against the spec: documented status, required headers, content type and
  body schema. Each call expects success: a documented error answer fails, and a refusal of the
  credentials (401, 403) or a rate limit (429) is inconclusive, unless --allow-status accepts
  that status (for one operation, or for all). Reads of one item use the id a listing returned.
  --writes also calls the operations that change state: items are created, then read, updated
  and deleted by the id the creation returned (use a test account).
  Exit 0 when every call passes, 1 on a failure or a call without answer, 2 on a usage error,
  3 when nothing failed but some calls were inconclusive. --timeout: per request (default ${DEFAULT_TIMEOUT_MS} ms).
${CREDENTIAL_USAGE}`;

export const CREDENTIAL_FLAGS: ReadonlyArray<[keyof Credentials, string]> = [
  ["bearer", "bearer"],
  ["apiToken", "api-token"],
  ["accessKey", "access-key"],
  ["username", "username"],
  ["password", "password"],
  ["domain", "domain"],
  ["project", "project"],
];

/** The parseArgs options of the credential flags, shared by verify and check. */
export const CREDENTIAL_OPTIONS = Object.fromEntries(CREDENTIAL_FLAGS.map(([, flag]) => [flag, { type: "string" as const }]));

/** The credentials from the flags, else the environment; secrets too short to mask are refused. */
export function readCredentials(values: Readonly<Record<string, unknown>>, io: CliIo): Credentials {
  const credentials: Record<string, string> = {};
  for (const [key, flag] of CREDENTIAL_FLAGS) {
    const value = values[flag] ?? io.env[CREDENTIAL_ENV[key]];
    if (typeof value === "string" && value !== "") credentials[key] = value;
  }
  const short = tooShortSecrets(credentials);
  if (short.length > 0) {
    const named = short.map((key) => `--${CREDENTIAL_FLAGS.find(([field]) => field === key)![1]} (or ${CREDENTIAL_ENV[key]})`);
    throw new UsageError(`${named.join(", ")}: shorter than ${MIN_SECRET_LENGTH} characters, too short to keep out of the output; is it the real secret?`);
  }
  return credentials;
}

/** `--allow-status 404`, `--allow-status getKey=404`, or several at once: `getKey=404,401`. */
export function parseAllowStatuses(values: readonly string[], validator: SpecValidator): AllowedStatus[] {
  const allowed: AllowedStatus[] = [];
  for (const value of values) {
    for (const entry of value.split(",")) {
      const match = /^(?:([A-Za-z0-9_.-]+)=)?([1-5]\d\d)$/.exec(entry.trim());
      if (!match) throw new UsageError(`--allow-status takes [<operationId>=]<status>, got "${entry}"`);
      const [, operationId, text] = match;
      const status = Number(text);
      if (operationId !== undefined) {
        if (!validator.operations.some((op) => op.operationId === operationId)) {
          throw new UsageError(`--allow-status: no operation "${operationId}" (operations: ${validator.operations.map((op) => op.operationId).join(", ")})`);
        }
        if (!validator.documentedStatuses(operationId).includes(text!)) {
          throw new UsageError(`--allow-status: ${operationId} documents no ${status} (it documents ${validator.documentedStatuses(operationId).join(", ")})`);
        }
        allowed.push({ operationId, status });
      } else {
        if (!validator.operations.some((op) => validator.documentedStatuses(op.operationId).includes(text!))) {
          throw new UsageError(`--allow-status: no operation documents ${status}`);
        }
        allowed.push({ status });
      }
    }
  }
  return allowed;
}

/** The exit code of a report: any failure or missing answer fails; else inconclusive calls say so. */
export function verdictOf(report: Pick<RunSummary, "failed" | "errors" | "inconclusive">): ExitCode {
  if (report.failed > 0 || report.errors > 0) return EXIT.failed;
  return report.inconclusive > 0 ? EXIT.inconclusive : EXIT.ok;
}

export async function verifyCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      api: { type: "string" },
      target: { type: "string" },
      writes: { type: "boolean", default: false },
      "allow-status": { type: "string", multiple: true },
      junit: { type: "string" },
      timeout: { type: "string" },
      ...CREDENTIAL_OPTIONS,
    },
  });
  if (!values.api) throw new UsageError("verify needs --api <name>");
  if (!values.target) throw new UsageError("verify needs --target <url>");
  const api = apiNamed(values.api);
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs <= 0)) throw new UsageError(`bad --timeout "${values.timeout}"`);

  const credentials = readCredentials(values, io);
  const spec = loadBundledSpec(api);
  const validator = createSpecValidator(spec);
  const allowStatuses = parseAllowStatuses(values["allow-status"] ?? [], validator);
  const report = await verifyProvider({
    api,
    spec,
    validator,
    target: values.target,
    credentials,
    writes: values.writes,
    allowStatuses,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  // Everything the server sent is masked inside the report already: print it as it is.
  io.stdout(`${formatTable(report)}\n`);
  if (values.junit) {
    const file = resolve(io.cwd, values.junit);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, toJUnit([report]));
    io.stdout(`JUnit report: ${file}\n`);
  }
  return verdictOf(report);
}
