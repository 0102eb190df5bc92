import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadBundledSpec } from "@openregions/apis";
import { CREDENTIAL_ENV, SecretRedactor, UsageError, type Credentials } from "../credentials.js";
import { formatTable, toJUnit } from "../report.js";
import { verifyProvider } from "../verify.js";
import { apiNamed, EXIT, type CliIo, type ExitCode } from "./io.js";

export const VERIFY_USAGE = `contract verify --api <name> --target <url> [credentials] [--writes] [--junit <file>] [--timeout <ms>]
  Calls every safe operation (GET, HEAD, and the logins: Scalingo's token exchange, Huawei IAM's
  password login) of the API against a running server, and checks each answer against the spec:
  documented status, required headers, content type and body schema. --writes also calls the
  operations that change state. Exit 0 when every call conforms, 1 otherwise, 2 on a usage error.
  credentials (placeholders when absent; flags win over the environment variables named):
    --bearer <token>       Scalingo JWT, Huawei IAM token, Rainbond management token  ${CREDENTIAL_ENV.bearer}
    --api-token <token>    Scalingo API token, exchanged for a bearer first          ${CREDENTIAL_ENV.apiToken}
    --access-key <key>     Rainbond personal access key                              ${CREDENTIAL_ENV.accessKey}
    --username <name>      password login: Huawei IAM (with --password --domain
    --password <secret>    [--project]), Scalingo login (createToken, --writes only)  ${CREDENTIAL_ENV.username} ...
    --domain <name>
    --project <name>
  Real credentials go only to https targets or to loopback addresses, and are never printed.`;

const CREDENTIAL_FLAGS: ReadonlyArray<[keyof Credentials, string]> = [
  ["bearer", "bearer"],
  ["apiToken", "api-token"],
  ["accessKey", "access-key"],
  ["username", "username"],
  ["password", "password"],
  ["domain", "domain"],
  ["project", "project"],
];

export async function verifyCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      api: { type: "string" },
      target: { type: "string" },
      writes: { type: "boolean", default: false },
      junit: { type: "string" },
      timeout: { type: "string" },
      ...Object.fromEntries(CREDENTIAL_FLAGS.map(([, flag]) => [flag, { type: "string" as const }])),
    },
  });
  if (!values.api) throw new UsageError("verify needs --api <name>");
  if (!values.target) throw new UsageError("verify needs --target <url>");
  const api = apiNamed(values.api);
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs <= 0)) throw new UsageError(`bad --timeout "${values.timeout}"`);

  const credentials: Record<string, string> = {};
  for (const [key, flag] of CREDENTIAL_FLAGS) {
    const value = (values as Record<string, unknown>)[flag] ?? io.env[CREDENTIAL_ENV[key]];
    if (typeof value === "string" && value !== "") credentials[key] = value;
  }
  const redactor = new SecretRedactor();
  const report = await verifyProvider({
    api,
    spec: loadBundledSpec(api),
    target: values.target,
    credentials,
    writes: values.writes,
    redactor,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  io.stdout(`${redactor.redact(formatTable(report))}\n`);
  if (values.junit) {
    const file = resolve(io.cwd, values.junit);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, redactor.redact(toJUnit([report])));
    io.stdout(`JUnit report: ${file}\n`);
  }
  return report.failed > 0 ? EXIT.failed : EXIT.ok;
}
