/**
 * Which credentials a request presents for an operation's security requirements, read from
 * the spec's security schemes (HTTP Basic, HTTP Bearer, API keys in a header). Whether a
 * credential is *valid* is the platform's call.
 */
import type { BundledSpec } from "@openregions/apis/portable";
import type { SandboxRequest } from "./http-types.js";
import type { Requirement } from "./spec-model.js";

export type Credential =
  | { readonly scheme: string; readonly type: "basic"; readonly user: string; readonly password: string }
  | { readonly scheme: string; readonly type: "bearer"; readonly token: string }
  | { readonly scheme: string; readonly type: "apiKey"; readonly value: string };

export type Presented =
  | { readonly credentials: readonly Credential[] }
  | { readonly anonymous: true }
  | { readonly missing: true };

interface Scheme {
  type?: string;
  scheme?: string;
  in?: string;
  name?: string;
}

function basic(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function presentedFor(schemes: Record<string, Scheme>, name: string, request: SandboxRequest): Credential | undefined {
  const scheme = schemes[name] ?? {};
  const authorization = request.headers["authorization"];
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") {
    const pair = basic(authorization);
    return pair ? { scheme: name, type: "basic", ...pair } : undefined;
  }
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer") {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    return token ? { scheme: name, type: "bearer", token } : undefined;
  }
  if (scheme.type === "apiKey" && scheme.in === "header" && scheme.name) {
    const value = request.headers[scheme.name.toLowerCase()];
    return value ? { scheme: name, type: "apiKey", value } : undefined;
  }
  return undefined;
}

/** The credentials of the first requirement the request fully presents; else anonymous or missing. */
export function presentedCredentials(spec: BundledSpec, requirements: readonly Requirement[], request: SandboxRequest): Presented {
  const schemes = (spec.components?.["securitySchemes"] ?? {}) as Record<string, Scheme>;
  for (const requirement of requirements) {
    const names = Object.keys(requirement);
    if (names.length === 0) continue;
    const credentials = names.map((name) => presentedFor(schemes, name, request));
    if (credentials.every((credential) => credential !== undefined)) return { credentials: credentials as Credential[] };
  }
  if (requirements.length === 0 || requirements.some((requirement) => Object.keys(requirement).length === 0)) return { anonymous: true };
  return { missing: true };
}
