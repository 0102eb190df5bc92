import type { TryItConfig } from "./model.js";

/** Where the page loads the panels' script from; one file for every page, like Redoc's. */
export const TRY_IT_ASSET = "assets/try-it.js";
export const CONFIG_ELEMENT_ID = "or-try-it-config";
/** The global the page's Redoc script leaves a copy of the spec in, for the panels (the spec is not sent twice). */
export const SPEC_GLOBAL = "__openregionsSpec";

const HYDRATE = "hydrate(__redoc_definition,";

/** JSON that is inert inside a `<script>` element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c");

/**
 * Adds the "Try it" panels to a page built by `redocly build-docs`: the page's Redoc script keeps
 * a copy of the spec it hydrates (before Redoc gets it), and the page loads the panels' script
 * with its config. Fails when the page no longer hydrates Redoc the way it is looked for.
 */
export function addTryIt(html: string, config: TryItConfig, assetUrl = `./${TRY_IT_ASSET}`): string {
  if (!html.includes(HYDRATE)) throw new Error(`the Redoc page no longer calls ${HYDRATE}: the Try it panels cannot find the spec`);
  if (!html.includes("</body>")) throw new Error("the Redoc page has no </body>");
  const keep = `globalThis.${SPEC_GLOBAL} = structuredClone(__redoc_definition);\n      ${HYDRATE}`;
  const tags = `<script type="application/json" id="${CONFIG_ELEMENT_ID}">${scriptJson(config)}</script>\n  <script type="module" src="${assetUrl}"></script>\n</body>`;
  return html.replace(HYDRATE, keep).replace("</body>", tags);
}
