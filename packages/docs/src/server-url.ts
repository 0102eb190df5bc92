import type { BundledSpec } from "@openregions/apis";

/** The spec's first server URL with its variables at their defaults, e.g. `https://auth.scalingo.com`. */
export function defaultServerUrl(spec: BundledSpec): string | undefined {
  const server = spec.servers?.[0];
  if (!server) return undefined;
  return server.url.replace(/\{(\w+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? `{${name}}`);
}
