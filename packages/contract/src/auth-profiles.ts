/**
 * How provider verification authenticates against each API: which security scheme each
 * credential fills, which operations log in (and are therefore called even without
 * `--writes`: they create nothing and are safe to repeat), and what a login returns.
 */
import { securitySchemes, type BundledSpec } from "@openregions/apis";
import { basicAuth, type Credentials } from "./credentials.js";

/** Header values per security scheme name, for the schemes verify holds a real credential for. */
export type Session = Map<string, string>;

export interface LoginAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export interface AuthProfile {
  /** Operations that log in: called first, with or without `--writes`. */
  readonly loginOperations: readonly string[];
  /** The session before any login: scheme → header value, from the credentials given. */
  initialSession(credentials: Credentials, spec: BundledSpec): Session;
  /** The body a login operation sends; `example` is the spec's example body. */
  loginBody?(operationId: string, credentials: Credentials, example: unknown): unknown;
  /** True when the credentials given are the ones this login operation sends. */
  loginCredentialsGiven?(operationId: string, credentials: Credentials): boolean;
  /** Reads what a successful login returned into the session; returns the new secret values. */
  learn?(operationId: string, answer: LoginAnswer, session: Session, credentials: Credentials): string[];
}

/** Any API: bearer schemes get `--bearer`, API keys `--access-key` (else `--bearer`), Basic `--username/--password`. */
export const genericProfile: AuthProfile = {
  loginOperations: [],
  initialSession(credentials, spec) {
    const session: Session = new Map();
    const schemes = securitySchemes(spec);
    for (const [name, scheme] of Object.entries(schemes)) {
      const kind = `${scheme.type}/${scheme.scheme?.toLowerCase() ?? scheme.in}`;
      if (kind === "http/bearer" && credentials.bearer) session.set(name, `Bearer ${credentials.bearer}`);
      else if (kind === "http/basic" && credentials.username && credentials.password) session.set(name, basicAuth(credentials.username, credentials.password));
      else if (kind === "apiKey/header" && (credentials.accessKey ?? credentials.bearer)) session.set(name, (credentials.accessKey ?? credentials.bearer)!);
    }
    return session;
  },
};

const scalingo: AuthProfile = {
  loginOperations: ["exchangeToken"],
  initialSession(credentials) {
    const session: Session = new Map();
    if (credentials.bearer) session.set("bearer", `Bearer ${credentials.bearer}`);
    if (credentials.apiToken) session.set("apiToken", basicAuth("", credentials.apiToken));
    if (credentials.username && credentials.password) session.set("login", basicAuth(credentials.username, credentials.password));
    return session;
  },
  loginCredentialsGiven: (operationId, credentials) => operationId === "exchangeToken" && Boolean(credentials.apiToken),
  learn(operationId, answer, session, credentials) {
    const token = (answer.body as { token?: unknown } | undefined)?.token;
    if (operationId !== "exchangeToken" || answer.status !== 200 || typeof token !== "string") return [];
    // A bearer given on the command line wins; the exchanged one is used only without it.
    if (!credentials.bearer && credentials.apiToken) session.set("bearer", `Bearer ${token}`);
    return [token];
  },
};

const huaweiLogin = (credentials: Credentials): boolean => Boolean(credentials.username && credentials.password && credentials.domain);

const huaweiIam: AuthProfile = {
  loginOperations: ["createToken"],
  initialSession(credentials) {
    const session: Session = new Map();
    if (credentials.bearer) session.set("authToken", credentials.bearer);
    return session;
  },
  loginBody(operationId, credentials, example) {
    if (operationId !== "createToken" || !huaweiLogin(credentials)) return example;
    const domain = { name: credentials.domain! };
    return {
      auth: {
        identity: { methods: ["password"], password: { user: { name: credentials.username!, password: credentials.password!, domain } } },
        scope: credentials.project ? { project: { name: credentials.project } } : { domain },
      },
    };
  },
  loginCredentialsGiven: (operationId, credentials) => operationId === "createToken" && huaweiLogin(credentials),
  learn(operationId, answer, session, credentials) {
    const token = answer.headers.get("x-subject-token");
    if (operationId !== "createToken" || answer.status !== 201 || !token) return [];
    if (!credentials.bearer && huaweiLogin(credentials)) session.set("authToken", token);
    return [token];
  },
};

const rainbond: AuthProfile = {
  loginOperations: [],
  initialSession(credentials) {
    const session: Session = new Map();
    if (credentials.accessKey) session.set("accessKey", credentials.accessKey);
    // The v2 management API takes the console's MANAGE_TOKEN instead of a personal key.
    if (credentials.bearer) session.set("manageToken", credentials.bearer);
    return session;
  },
};

const profiles: Readonly<Record<string, AuthProfile>> = { scalingo, rainbond, "huawei-iam": huaweiIam };

/** The profile of an API by its name in redocly.yaml; the generic one for an API without its own. */
export function authProfile(apiName: string): AuthProfile {
  return profiles[apiName] ?? genericProfile;
}
