import { securitySchemes, type BundledSpec, type SecurityScheme } from "@openregions/apis";

// The security rules (which schemes an operation needs) live in @openregions/apis.
export { requiredSchemes, securitySchemes, type SecurityScheme } from "@openregions/apis";

type Requirement = Record<string, string[]>;

const snake = (text: string): string =>
  text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();

/** The environment variable a sample reads a credential from, e.g. `SCALINGO_BEARER`, `HUAWEI_IAM_AUTH_TOKEN`. */
export function credentialVar(apiName: string, what: string): string {
  return `${snake(apiName)}_${snake(what)}`;
}

/** curl flags that send one scheme's credentials from environment variables (never a value). */
export function genericCurlCredentials(apiName: string, schemeName: string, scheme: SecurityScheme): string {
  const variable = `$${credentialVar(apiName, schemeName)}`;
  const kind = scheme.scheme?.toLowerCase();
  if (scheme.type === "http" && kind === "basic") return `-u "${variable}_USER:${variable}_PASSWORD"`;
  if (scheme.type === "http") return `-H "Authorization: ${kind === "bearer" ? "Bearer" : scheme.scheme} ${variable}"`;
  if (scheme.type === "apiKey" && scheme.in === "header") return `-H "${scheme.name}: ${variable}"`;
  if (scheme.type === "apiKey" && scheme.in === "cookie") return `-b "${scheme.name}=${variable}"`;
  if (scheme.type === "apiKey" && scheme.in === "query") return ""; // added to the URL by the caller
  return `-H "Authorization: Bearer ${variable}"`; // oauth2, openIdConnect: an access token
}

function describeScheme(scheme: SecurityScheme): string {
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") return "HTTP Basic credentials";
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer") return "a bearer token in `Authorization`";
  if (scheme.type === "http") return `\`Authorization: ${scheme.scheme} …\``;
  if (scheme.type === "apiKey") return `a key in the \`${scheme.name}\` ${scheme.in === "header" ? "header" : `${scheme.in} parameter`}`;
  if (scheme.type === "oauth2") return "an OAuth 2 access token";
  if (scheme.type === "openIdConnect") return "an OpenID Connect access token";
  return `${scheme.type} credentials`;
}

/** One plain sentence for an API without a guide, from the schemes its calls require by default. */
export function genericAuthSentence(spec: BundledSpec): string {
  const schemes = securitySchemes(spec);
  const requirements = (spec["security"] ?? []) as Requirement[];
  const alternatives = requirements
    .map((requirement) => Object.keys(requirement).map((name) => (schemes[name] ? describeScheme(schemes[name]) : name)))
    .filter((names) => names.length > 0)
    .map((names) => names.join(" and "));
  if (alternatives.length === 0) return Object.keys(schemes).length ? "Most calls need no credentials; see each operation." : "No authentication.";
  const sentence = `Send ${[...new Set(alternatives)].join(", or ")}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** Markdown for an API without a guide: each security scheme with the spec's own description. */
export function genericAuthenticate(spec: BundledSpec, apiName: string): string {
  const entries = Object.entries(securitySchemes(spec));
  if (entries.length === 0) return "This API needs no credentials.";
  return entries
    .map(([name, scheme]) => {
      const description = scheme.description?.trim().replace(/\s*\n\s*/g, " ");
      return `- **${name}**: ${describeScheme(scheme)}, read from \`${credentialVar(apiName, name)}\` in the samples.${description ? ` ${description}` : ""}`;
    })
    .join("\n");
}
