import type { Locator, Page } from "playwright-core";

/** An operation as Redoc rendered it: its section id (`/tokens/exchangetoken`) and heading (the summary). */
export interface RenderedOperation {
  readonly id: string;
  readonly title: string;
}

/** Shows a section (`/tokens`, `/tokens/exchangetoken`) through the hash router and waits until Redoc rendered it. */
async function visit(page: Page, id: string): Promise<void> {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#${id}`);
  await page.waitForFunction(
    (sectionId) => [...document.querySelectorAll("[data-section-id]")].some((el) => el.getAttribute("data-section-id") === sectionId && el.innerHTML !== ""),
    id,
    { timeout: 5_000 },
  );
}

/**
 * Every operation Redoc renders on the page. Redoc 3 renders one group (a tag) at a time and its
 * operations only when shown (an empty placeholder before), so this visits every section it can
 * find (menu links, placeholders) until no new one shows up, and collects the operations rendered.
 */
export async function renderedOperations(page: Page, until?: (op: RenderedOperation) => boolean): Promise<RenderedOperation[]> {
  const found = new Map<string, string>();
  const visited = new Set<string>();
  for (let step = 0; step < 500; step++) {
    const state = await page.evaluate(() => ({
      operations: [...document.querySelectorAll('[data-item-kind="httpItem"]')].map(
        (section) => [section.getAttribute("data-section-id") ?? "", section.querySelector("h2")?.textContent?.trim() ?? ""] as const,
      ),
      ids: [
        ...[...document.querySelectorAll("#redoc [data-section-id]")].map((section) => section.getAttribute("data-section-id") ?? ""),
        ...[...document.querySelectorAll('#redoc a[href^="/"], #redoc a[href^="#/"]')].map((anchor) => (anchor.getAttribute("href") ?? "").replace(/^#/, "")),
      ],
    }));
    for (const [id, title] of state.operations) found.set(id, title);
    if (until && [...found].some(([id, title]) => until({ id, title }))) break;
    const next = state.ids.find((id) => id.startsWith("/") && !id.includes("#") && !visited.has(id));
    if (next === undefined) break;
    visited.add(next);
    await visit(page, next);
  }
  return [...found].map(([id, title]) => ({ id, title }));
}

/** Shows an operation's section (by its rendered id) and returns it. */
export async function showOperation(page: Page, id: string): Promise<Locator> {
  await visit(page, id);
  const section = page.locator(`[data-item-kind="httpItem"][data-section-id="${id}"]`);
  await section.waitFor({ state: "visible", timeout: 5_000 });
  await section.scrollIntoViewIfNeeded();
  return section;
}

/** The request panel of an operation: where Redoc shows the code samples, with their language switch. */
export function requestPanel(section: Locator): Locator {
  return section.locator('[data-testid="right-panel"]').filter({ has: section.page().locator('[data-testid="source-code"]') }).first();
}

/**
 * Switches the request panel to a code sample language (Redoc remembers the last one chosen, on
 * every page of the site) and returns the code shown.
 */
export async function showSample(page: Page, panel: Locator, labels: readonly string[], label: string): Promise<string> {
  const exact = new RegExp(`^(${labels.map((known) => known.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`);
  const switcher = panel.locator('[data-testid="dropdown"] button').filter({ hasText: exact });
  if ((await switcher.innerText()).trim() !== label) {
    await switcher.click();
    await page.getByRole("menuitem", { name: label, exact: true }).click();
    await page.waitForFunction(
      ([button, expected]) => button?.textContent?.trim() === expected,
      [await switcher.elementHandle(), label] as const,
    );
  }
  const code = panel.locator('[data-testid="source-code"]').first();
  await code.waitFor({ state: "visible" });
  return (await code.innerText()).trim();
}

/** Runs Redoc's search and returns the results' links and texts. */
export async function search(page: Page, query: string): Promise<Array<{ href: string; text: string }>> {
  await page.locator('[data-testid="search-trigger"]').click();
  const dialog = page.locator('[data-testid="search-dialog"]');
  await dialog.locator("input").fill(query);
  const items = dialog.locator('[data-component-name="Search/SearchItem"]');
  await items.first().waitFor({ state: "visible", timeout: 5_000 });
  return items.evaluateAll((anchors) => anchors.map((anchor) => ({ href: anchor.getAttribute("href") ?? "", text: (anchor as HTMLElement).innerText })));
}
