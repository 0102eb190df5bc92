/**
 * The environment variables of the official Scalingo clients, read safely:
 * `globalThis.process?.env` is only looked at when it exists (Node, Bun,
 * Deno's Node mode), so the client also runs in browsers and workers.
 */

/** The variables the client honours when the matching option is absent. */
export interface ScalingoEnv {
  /** Auth API base URL (option `authUrl`). */
  SCALINGO_AUTH_URL?: string | undefined;
  /** API token to exchange for bearers (option `apiToken`). */
  SCALINGO_API_TOKEN?: string | undefined;
  /** Region name (option `region`). */
  SCALINGO_REGION?: string | undefined;
}

/** Where variables come from: a plain record, or `false` to ignore the environment. */
export type ScalingoEnvSource = Readonly<Record<string, string | undefined>> | false;

const KEYS = ["SCALINGO_AUTH_URL", "SCALINGO_API_TOKEN", "SCALINGO_REGION"] as const;

function processEnv(): Readonly<Record<string, string | undefined>> | undefined {
  try {
    const env = (globalThis as { process?: { env?: unknown } }).process?.env;
    return typeof env === "object" && env !== null ? (env as Record<string, string | undefined>) : undefined;
  } catch {
    return undefined; // e.g. a sandbox that throws on access
  }
}

/**
 * Reads `SCALINGO_AUTH_URL`, `SCALINGO_API_TOKEN` and `SCALINGO_REGION` from
 * `source` (default: `globalThis.process?.env`, if any). Values are trimmed;
 * empty values count as absent.
 */
export function readScalingoEnv(source?: ScalingoEnvSource): ScalingoEnv {
  const env = source === false ? undefined : (source ?? processEnv());
  const out: ScalingoEnv = {};
  if (!env) return out;
  for (const key of KEYS) {
    let value: unknown;
    try {
      value = env[key];
    } catch {
      value = undefined;
    }
    if (typeof value === "string" && value.trim() !== "") out[key] = value.trim();
  }
  return out;
}
