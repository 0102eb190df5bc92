/**
 * The "Try it" panels' script, loaded by every reference page (assets/try-it.js): reads the
 * page's config and the spec Redoc renders, asks the docs server which servers are running, and
 * puts a panel under every operation Redoc shows, again whenever Redoc re-renders one.
 */
import { createSpecValidator } from "../../../../apis/src/spec-validator.js";
import { TARGETS_PATH, type TryItConfig, type TryItRuntime } from "../model.js";
import { CONFIG_ELEMENT_ID, SPEC_GLOBAL } from "../page.js";
import { Credentials } from "./auth.js";
import { createPanel, type PanelContext } from "./panel.js";
import { listOperations, type BundledSpec, type OperationInfo } from "./spec.js";
import { Store } from "./store.js";
import { STYLES } from "./styles.js";
import { Targets } from "./targets.js";

const SECTION = '[data-item-kind="httpItem"][data-section-id]';

function readConfig(): TryItConfig {
  const node = document.getElementById(CONFIG_ELEMENT_ID);
  if (!node?.textContent) throw new Error("Try it: the page has no config");
  return JSON.parse(node.textContent) as TryItConfig;
}

/** The docs server's list of running servers; a page served by another server has none, and no proxy. */
async function readRuntime(): Promise<TryItRuntime> {
  try {
    const response = await fetch(new URL(`.${TARGETS_PATH}`, location.href.replace(/[^/]*$/, "")), { cache: "no-store" });
    if (response.ok) return (await response.json()) as TryItRuntime;
  } catch {
    // opened from a file or another static server
  }
  return { proxy: false, apis: {} };
}

/** The operation a Redoc section shows: its id ends with the lowercased operationId; else its heading is the summary. */
function operationOf(section: Element, operations: readonly OperationInfo[]): OperationInfo | undefined {
  const last = (section.getAttribute("data-section-id") ?? "").split("/").pop();
  const heading = section.querySelector("h2")?.textContent?.trim();
  return operations.find((op) => op.operationId.toLowerCase() === last) ?? operations.find((op) => op.summary === heading);
}

async function start(): Promise<void> {
  const spec = (globalThis as unknown as Record<string, unknown>)[SPEC_GLOBAL] as BundledSpec | undefined;
  if (!spec) throw new Error("Try it: the page did not keep the spec");
  const config = readConfig();
  const runtime = await readRuntime();
  const store = new Store(config.api);
  const operations = listOperations(spec);
  const context: PanelContext = {
    spec,
    store,
    credentials: new Credentials(spec, operations, config.hooks, store),
    targets: new Targets(config, runtime, store),
    validator: createSpecValidator(spec),
  };
  document.head.append(Object.assign(document.createElement("style"), { textContent: STYLES }));
  const panels = new Map<string, HTMLElement>();
  const mount = (): void => {
    for (const section of document.querySelectorAll(SECTION)) {
      const op = operationOf(section, operations);
      if (!op) continue;
      const panel = panels.get(op.operationId) ?? createPanel(context, op);
      panels.set(op.operationId, panel);
      if (panel.parentElement !== section) section.append(panel);
    }
  };
  let scheduled = false;
  new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      mount();
    });
  }).observe(document.getElementById("redoc") ?? document.body, { childList: true, subtree: true });
  mount();
  document.documentElement.dataset["tryIt"] = "ready";
}

start().catch((error: unknown) => console.error((error as Error).message));
