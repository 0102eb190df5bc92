import { loadBundledSpec, type ApiDefinition, type BundledSpec } from "@openregions/apis";
import { listOperations } from "@openregions/apis";

/** What the index says about one API; all of it is read from the bundled spec. */
export interface ApiSummary {
  readonly name: string;
  readonly title: string;
  readonly version: string;
  readonly summary: string;
  readonly baseUrl: string;
  readonly auth: string;
  readonly operationCount: number;
  readonly page: string;
}

function defaultServerUrl(spec: BundledSpec): string {
  const server = spec.servers?.[0];
  if (!server) return "(no server)";
  return server.url.replace(/\{(\w+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? `{${name}}`);
}

function authSentence(spec: BundledSpec): string {
  const schemes = (spec.components?.["securitySchemes"] ?? {}) as Record<string, { type?: string; scheme?: string; in?: string; name?: string }>;
  const parts = Object.entries(schemes).map(([name, scheme]) => {
    if (scheme.type === "http") return `${name} (HTTP ${scheme.scheme})`;
    if (scheme.type === "apiKey") return `${name} (${scheme.name} ${scheme.in})`;
    return `${name} (${scheme.type})`;
  });
  return parts.length ? parts.join(", ") : "none";
}

export function summarize(api: ApiDefinition): ApiSummary {
  const spec = loadBundledSpec(api);
  return {
    name: api.name,
    title: spec.info.title,
    version: spec.info.version,
    summary: spec.info.summary ?? spec.info.description?.split("\n")[0] ?? "",
    baseUrl: defaultServerUrl(spec),
    auth: authSentence(spec),
    operationCount: listOperations(spec).length,
    page: `${api.name}.html`,
  };
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** The portal's front page: one card per API. */
export function renderIndex(summaries: readonly ApiSummary[]): string {
  const cards = summaries
    .map(
      (api) => `    <li class="api" data-api="${escapeHtml(api.name)}">
      <h2><a href="${escapeHtml(api.page)}">${escapeHtml(api.title)}</a> <span class="version">v${escapeHtml(api.version)}</span></h2>
      <p>${escapeHtml(api.summary)}</p>
      <dl>
        <dt>Base URL</dt><dd><code>${escapeHtml(api.baseUrl)}</code></dd>
        <dt>Auth</dt><dd>${escapeHtml(api.auth)}</dd>
        <dt>Operations</dt><dd>${api.operationCount}</dd>
      </dl>
    </li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>openregions: auth and regions API reference</title>
  <style>
    :root { color-scheme: light dark; --accent: #0b5fff; font-family: system-ui, sans-serif; }
    body { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
    h1 { margin-bottom: 0.25rem; }
    ul { list-style: none; padding: 0; display: grid; gap: 1rem; }
    .api { border: 1px solid #8884; border-radius: 8px; padding: 1rem 1.25rem; }
    .api h2 { margin: 0; font-size: 1.25rem; }
    .api a { color: var(--accent); text-decoration: none; }
    .version { font-size: 0.8rem; color: #888; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0 0; }
    dt { font-weight: 600; }
    dd { margin: 0; }
  </style>
</head>
<body>
  <h1>openregions</h1>
  <p>Reference documentation generated from hand-written OpenAPI 3.1 specs. Every page works offline.</p>
  <ul id="apis">
${cards}
  </ul>
</body>
</html>
`;
}
