/**
 * Real credentials for provider verification: where they may be sent, and how to keep them
 * out of everything verify prints or writes.
 */
import { isLoopbackHost } from "@openregions/apis";

/** What a person may hand to `contract verify`; every field is a secret except `domain` and `project`. */
export interface Credentials {
  /** A session token: Scalingo's JWT bearer, a Huawei IAM token (sent in `X-Auth-Token`), or the Rainbond console's management token (v2 API). */
  readonly bearer?: string;
  /** A Scalingo API token (`tk-us-…`), exchanged for a bearer by `exchangeToken`. */
  readonly apiToken?: string;
  /** A Rainbond personal access key, the whole value of `Authorization`. */
  readonly accessKey?: string;
  /** A user name for a password login (Huawei IAM `createToken`, Scalingo `login` Basic). */
  readonly username?: string;
  readonly password?: string;
  /** Huawei IAM: the account (domain) name of the user. */
  readonly domain?: string;
  /** Huawei IAM: the project the token is scoped to; the whole domain when absent. */
  readonly project?: string;
}

/** Environment variables that `contract verify` reads when the flag is not given (flags win). */
export const CREDENTIAL_ENV: Readonly<Record<keyof Credentials, string>> = {
  bearer: "OPENREGIONS_BEARER",
  apiToken: "OPENREGIONS_API_TOKEN",
  accessKey: "OPENREGIONS_ACCESS_KEY",
  username: "OPENREGIONS_USERNAME",
  password: "OPENREGIONS_PASSWORD",
  domain: "OPENREGIONS_DOMAIN",
  project: "OPENREGIONS_PROJECT",
};

const SECRET_FIELDS = ["bearer", "apiToken", "accessKey", "password"] as const;

/** True when at least one credential that authenticates (not just names a scope) is present. */
export function hasRealCredentials(credentials: Credentials): boolean {
  return SECRET_FIELDS.some((field) => Boolean(credentials[field])) || Boolean(credentials.username);
}

/** The one loopback rule, shared with the client's TLS check. */
export { isLoopbackHost };

export class UsageError extends Error {}

/**
 * Parses the target URL and refuses to send real credentials in clear text to another
 * machine: with credentials, the target must be https or a loopback address.
 */
export function checkTarget(target: string, withCredentials: boolean): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UsageError(`--target "${target}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--target must be an http or https URL, got ${url.protocol}`);
  if (url.username || url.password) throw new UsageError("--target must not carry credentials; use the credential flags");
  if (url.search || url.hash) throw new UsageError("--target must be a base URL without query or fragment");
  if (withCredentials && url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new UsageError(`refusing to send real credentials over plain http to ${url.host}: use https, or a loopback address for a local server`);
  }
  return url;
}

/** Collects secret strings and masks them in any text that leaves the process. */
export class SecretRedactor {
  readonly #secrets = new Set<string>();

  add(...values: Array<string | undefined>): void {
    for (const value of values) if (value) this.#secrets.add(value);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) result = result.split(secret).join("[redacted]");
    return result;
  }
}

export const basicAuth = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;
