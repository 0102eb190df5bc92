import { exampleCredentials, exampleRequest, type BundledSpec, type OperationInfo } from "@openregions/apis";
import { credentialVar, genericCurlCredentials, requiredSchemes, securitySchemes } from "./auth.js";

export interface CurlOptions {
  /** Names the environment variables (`scalingo` → `$SCALINGO_…`). */
  readonly apiName: string;
  /** Server URL the path is appended to (the spec's default server, or a mock). */
  readonly baseUrl: string;
  /** curl flags per security scheme name that replace the generic ones. */
  readonly credentials?: Readonly<Record<string, string>> | undefined;
}

export interface CurlSample {
  readonly source: string;
  /** Environment variables the command reads (credentials only). */
  readonly env: readonly string[];
}

/** Body fields whose example value is a credential: the sample reads them from the environment. */
const SECRET_FIELDS = /^(password|secret|client_secret)$/i;

/** Quotes for a POSIX shell: single quotes, any inner `'` closed, escaped and reopened. */
export const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

function bodyArgument(body: string, mediaType: string | undefined, secretVar: (field: string) => string): { arg: string; env: string[] } {
  if (!mediaType?.includes("json")) return { arg: shellQuote(body), env: [] };
  const env: string[] = [];
  const marker = (variable: string): string => `\u0000${variable}\u0000`;
  const replace = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(replace);
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => {
        if (typeof inner !== "string" || !SECRET_FIELDS.test(key)) return [key, replace(inner)];
        const variable = secretVar(key);
        env.push(variable);
        return [key, marker(variable)];
      }),
    );
  };
  const pretty = JSON.stringify(replace(JSON.parse(body)), null, 2);
  // close the single-quoted JSON around each secret and splice the variable in double quotes
  const arg = shellQuote(pretty).replace(/\\u0000(\w+)\\u0000/g, `'"$$$1"'`);
  return { arg, env };
}

/** A curl command for the operation, built from the spec's examples; credentials come from `$<API>_<SCHEME>` variables. */
export function curlSample(spec: BundledSpec, op: OperationInfo, options: CurlOptions): CurlSample {
  const request = exampleRequest(spec, op);
  const credentialHeaders = new Set(Object.keys(exampleCredentials(spec, op)).map((name) => name.toLowerCase()));
  const schemes = securitySchemes(spec);
  const env: string[] = [];
  const args: string[] = [];
  const query: string[] = [];
  for (const name of requiredSchemes(spec, op)) {
    const scheme = schemes[name]!;
    const variable = credentialVar(options.apiName, name);
    const flags = options.credentials?.[name] ?? genericCurlCredentials(options.apiName, name, scheme);
    if (scheme.type === "apiKey" && scheme.in === "query") query.push(`${scheme.name}=$${variable}`);
    else args.push(flags);
    env.push(...[...flags.matchAll(/\$(\w+)/g)].map((match) => match[1]!));
    if (scheme.type === "apiKey" && scheme.in === "query") env.push(variable);
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.toLowerCase() === "accept" || credentialHeaders.has(name.toLowerCase())) continue;
    args.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (request.body !== undefined) {
    const body = bodyArgument(request.body, request.mediaType, (field) => credentialVar(options.apiName, field));
    args.push(`--data ${body.arg}`);
    env.push(...body.env);
  }
  const path = query.length ? `${request.path}${request.path.includes("?") ? "&" : "?"}${query.join("&")}` : request.path;
  const url = `${options.baseUrl.replace(/\/$/, "")}${path}`;
  const quotedUrl = query.length ? `"${url}"` : shellQuote(url);
  const method = op.method === "get" ? [] : [`-X ${op.method.toUpperCase()}`];
  const source = [`curl ${[...method, quotedUrl].join(" ")}`, ...args].join(" \\\n  ");
  return { source, env: [...new Set(env)] };
}
