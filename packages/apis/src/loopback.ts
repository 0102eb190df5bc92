/**
 * The loopback rule: which hosts are this machine, so that plain `http:` (and a credential on
 * it) never leaves it. Used by the client's TLS check and by the contract tools. No imports and
 * no Node API: the client's build copies this file into its runtime (`src/generated/loopback.ts`).
 *
 * Loopback: `localhost`, any 127.0.0.0/8 address, `::1`, and the IPv4-mapped form of
 * 127.0.0.0/8 (`::ffff:127.0.0.1`, which the URL parser writes `[::ffff:7f00:1]`). Not
 * `*.localhost`: browsers resolve those to loopback, but Node asks DNS, which may answer anything.
 */

/** True when `hostname` (as `URL.hostname` gives it, brackets allowed) is this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (host === "localhost" || host === "::1") return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return v4[1] === "127" && v4.slice(2).every((octet) => Number(octet) <= 255);
  return /^::ffff:(?:7f[0-9a-f]{2}:[0-9a-f]{1,4}|127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.test(host);
}
