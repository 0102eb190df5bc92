/** What the check tests share: the credentials each sandbox prints, as `contract check` takes them. */
import type { RunningSandbox } from "@openregions/mock";
import type { CliIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import type { Credentials } from "../src/index.js";

const env = (sandbox: RunningSandbox, name: string): string => {
  for (const credential of sandbox.credentials) if (credential.env[name] !== undefined) return credential.env[name]!;
  throw new Error(`the ${sandbox.api.name} sandbox prints no ${name}`);
};

/** The sandbox's own credentials: Scalingo's API token, Rainbond's key, Huawei IAM's password login (the spec's login example). */
export function sandboxCredentials(sandbox: RunningSandbox, withBearer = false): Credentials {
  switch (sandbox.api.name) {
    case "scalingo":
      return { apiToken: env(sandbox, "SCALINGO_API_TOKEN") };
    case "rainbond":
      // --bearer carries the management token of the v2 API
      return { accessKey: env(sandbox, "RAINBOND_ACCESS_KEY"), bearer: env(sandbox, "RAINBOND_MANAGE_TOKEN") };
    case "huawei-iam":
      return {
        username: "apiuser",
        password: env(sandbox, "HUAWEI_IAM_PASSWORD"),
        domain: "hcs_tenant01",
        project: "region_name2_project",
        ...(withBearer ? { bearer: env(sandbox, "HUAWEI_IAM_AUTH_TOKEN") } : {}),
      };
    default:
      throw new Error(`no credentials known for ${sandbox.api.name}`);
  }
}

/** The flags of `contract check` for those credentials. */
export function credentialFlags(credentials: Credentials): string[] {
  const flags: Array<[keyof Credentials, string]> = [
    ["bearer", "--bearer"],
    ["apiToken", "--api-token"],
    ["accessKey", "--access-key"],
    ["username", "--username"],
    ["password", "--password"],
    ["domain", "--domain"],
    ["project", "--project"],
  ];
  return flags.flatMap(([key, flag]) => (credentials[key] === undefined ? [] : [flag, credentials[key]!]));
}

/** Runs `contract <argv>` in-process, as from `cwd` with `env`, and returns its exit code and output (not a terminal). */
export async function cli(cwd: string, argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
    cwd,
    isTTY: false,
  };
  return { code: await main(argv, io), stdout, stderr };
}
