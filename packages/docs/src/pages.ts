import { listOperations, loadBundledSpec, type ApiDefinition, type BundledSpec } from "@openregions/apis";
import { genericAuthSentence } from "./auth.js";
import { mockUrl } from "./getting-started.js";
import { guides } from "./guides.js";
import { escapeHtml, inlineHtml } from "./html.js";
import { FAVICON_ASSET, HEADER_CSS, renderHeader, renderSpecDownloads, type NavItem } from "./layout.js";
import { defaultServerUrl } from "./server-url.js";

/** What the index says about one API; all of it is read from the bundled spec (and its guide, if any). */
export interface ApiSummary extends NavItem {
  readonly title: string;
  readonly version: string;
  readonly summary: string;
  readonly baseUrl: string;
  /** One plain sentence; may hold `code` spans. */
  readonly auth: string;
  readonly operationCount: number;
  readonly mockPort: number;
}

export function summarize(api: ApiDefinition, spec: BundledSpec = loadBundledSpec(api)): ApiSummary {
  const title = spec.info.title;
  return {
    name: api.name,
    label: title.replace(/\s*\([^)]*\)\s*$/, ""),
    title,
    version: spec.info.version,
    summary: spec.info.summary ?? spec.info.description?.split("\n")[0] ?? "",
    baseUrl: defaultServerUrl(spec) ?? "(no server)",
    auth: guides[api.name]?.auth ?? genericAuthSentence(spec),
    operationCount: listOperations(spec).length,
    mockPort: api.mockPort,
    page: `${api.name}.html`,
  };
}

function renderCard(api: ApiSummary): string {
  const operations = `${api.operationCount} operation${api.operationCount === 1 ? "" : "s"}`;
  return `    <li class="api" data-api="${escapeHtml(api.name)}">
      <h2><a href="./${escapeHtml(api.page)}">${escapeHtml(api.title)}</a> <span class="version">v${escapeHtml(api.version)}</span></h2>
      <p>${escapeHtml(api.summary)}</p>
      <dl>
        <dt>Base URL</dt><dd><code>${escapeHtml(api.baseUrl)}</code></dd>
        <dt>Auth</dt><dd>${inlineHtml(api.auth)}</dd>
        <dt>Operations</dt><dd class="operations">${operations}, each with curl and TypeScript samples</dd>
        <dt>Mock</dt><dd><code>pnpm mock --api ${escapeHtml(api.name)}</code> → <code>${escapeHtml(mockUrl(api))}</code></dd>
        <dt>Spec</dt><dd>${renderSpecDownloads(api.name)}, or <code>npm install @openregions/specs</code></dd>
      </dl>
      <p class="more"><a href="./${escapeHtml(api.page)}">Reference and getting started →</a></p>
    </li>`;
}

/** The portal's front page: the shared header, then one card per API. */
export function renderIndex(summaries: readonly ApiSummary[]): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>openregions: auth and regions API reference</title>
  <link rel="icon" href="./${FAVICON_ASSET}" type="image/svg+xml">
  <style>
    body { margin: 0; color: #1e293b; background: #f8fafc; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }${HEADER_CSS}
    main { max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
    h1 { margin: 0 0 0.25rem; font-size: 2rem; }
    .lead { margin: 0 0 1.5rem; color: #475569; }
    ul { list-style: none; padding: 0; display: grid; gap: 1rem; }
    .api { background: #fff; border: 1px solid #e2e8f0; border-radius: 10px; padding: 1rem 1.25rem; }
    .api h2 { margin: 0; font-size: 1.25rem; }
    .api a { color: #0b5fff; text-decoration: none; }
    .api a:hover { text-decoration: underline; }
    .api p { margin: 0.4rem 0; }
    .version { font-size: 0.8rem; font-weight: 500; color: #64748b; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0.75rem 0 0; font-size: 0.95rem; }
    dt { font-weight: 600; color: #334155; }
    dd { margin: 0; }
    code { font: 0.85em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f1f5f9; padding: 0.1em 0.3em; border-radius: 4px; }
    .more { font-weight: 600; }
  </style>
</head>
<body>
  ${renderHeader(summaries)}
  <main>
  <h1>Auth and regions API reference</h1>
  <p class="lead">Hand-written OpenAPI 3.1 descriptions of ${summaries.length} cloud APIs, with typed TypeScript clients, curl and TypeScript samples for every operation, and local mocks. Every page works offline.</p>
  <ul id="apis">
${summaries.map(renderCard).join("\n")}
  </ul>
  </main>
</body>
</html>
`;
}
