import { escapeHtml } from "./html.js";

/** What the shared header needs to know of each API. */
export interface NavItem {
  readonly name: string;
  readonly label: string;
  readonly page: string;
}

export const INDEX_PAGE = "index.html";

/** Where the site serves each API's spec files, copied from @openregions/specs: `specs/<openapi>/<api>.<format>`. */
export const SPECS_DIR = "specs";

/** One download link of an API's spec. */
export interface SpecDownload {
  readonly openapi: "3.1" | "3.0";
  readonly format: "json" | "yaml";
  /** Site-relative path, e.g. `specs/3.0/scalingo.yaml`. */
  readonly file: string;
}

/** The four files the site offers for each API: OpenAPI 3.1 and 3.0, each as JSON and YAML. */
export function specDownloads(api: string): SpecDownload[] {
  return (["3.1", "3.0"] as const).flatMap((openapi) => (["json", "yaml"] as const).map((format) => ({ openapi, format, file: `${SPECS_DIR}/${openapi}/${api}.${format}` })));
}

/** "OpenAPI 3.1: JSON · YAML | 3.0: JSON · YAML" as download links, for the header (`prefix` "Download") and the index cards. */
export function renderSpecDownloads(api: string, prefix = ""): string {
  const links = (openapi: string) =>
    specDownloads(api)
      .filter((download) => download.openapi === openapi)
      .map((download) => `<a href="./${escapeHtml(download.file)}" download data-spec="${download.openapi}-${download.format}">${download.format.toUpperCase()}</a>`)
      .join(" · ");
  return `<span class="or-downloads" data-api="${escapeHtml(api)}">${prefix}OpenAPI 3.1: ${links("3.1")} | <span title="for tools that read only OpenAPI 3.0">3.0</span>: ${links("3.0")}</span>`;
}
export const FAVICON_ASSET = "assets/favicon.svg";

/** A small mark for the browser tab, served by the site itself (no request leaves it). */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b5fff"/><circle cx="16" cy="16" r="8" fill="none" stroke="#fff" stroke-width="3"/><path d="M8 16h16M16 8c3 3 3 13 0 16M16 8c-3 3-3 13 0 16" fill="none" stroke="#fff" stroke-width="1.5"/></svg>\n`;

/** Height of the shared header; Redoc is told to keep its headings below it. */
export const HEADER_HEIGHT = 48;

/** Styles of the shared header, the same on every page. Class names are prefixed so they never meet Redoc's. */
export const HEADER_CSS = `
    .or-header { position: sticky; top: 0; z-index: 100; box-sizing: border-box; height: ${HEADER_HEIGHT}px;
      display: flex; align-items: center; gap: 1.5rem; padding: 0 1.25rem; overflow-x: auto; white-space: nowrap;
      background: #0f172a; font: 500 14px/1 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    .or-header a { color: #cbd5e1; text-decoration: none; padding: 0.4rem 0.1rem; border-bottom: 2px solid transparent; }
    .or-header a:hover, .or-header a:focus-visible { color: #fff; }
    .or-header a[aria-current="page"] { color: #fff; border-bottom-color: #60a5fa; }
    .or-header .or-brand { color: #fff; font-weight: 700; font-size: 15px; letter-spacing: 0.01em; }
    .or-header nav { display: flex; gap: 1.25rem; }
    .or-header .or-downloads { margin-left: auto; color: #94a3b8; font-size: 13px; }
    .or-header .or-downloads a { padding: 0.4rem 0; }`;

/** The header every page starts with: the portal's name (to the index), one link per API, and on an API's page the downloads of its spec. */
export function renderHeader(items: readonly NavItem[], current?: string): string {
  const link = (href: string, label: string, active: boolean, extra = ""): string =>
    `<a href="./${escapeHtml(href)}"${extra}${active ? ' aria-current="page"' : ""}>${escapeHtml(label)}</a>`;
  const apis = items.map((item) => link(item.page, item.label, item.name === current, ` data-api="${escapeHtml(item.name)}"`)).join("");
  const downloads = current === undefined ? "" : renderSpecDownloads(current, "Download ");
  return `<header class="or-header">${link(INDEX_PAGE, "openregions", current === undefined, ' class="or-brand"')}<nav aria-label="APIs">${apis}</nav>${downloads}</header>`;
}

/**
 * The Handlebars template `redocly build-docs --template` renders a reference page with: Redoc's
 * head and body, under the shared header. The header is plain HTML (its text is escaped, braces
 * included, so Handlebars leaves it alone).
 */
export function redocTemplate(items: readonly NavItem[], current: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>{{title}}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="./${FAVICON_ASSET}" type="image/svg+xml">
  <style>
    body { padding: 0; margin: 0; }${HEADER_CSS}
  </style>
  {{{redocHead}}}
</head>
<body>
  ${renderHeader(items, current)}
  {{{redocHTML}}}
</body>
</html>
`;
}
