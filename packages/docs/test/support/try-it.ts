import type { Locator, Page } from "playwright-core";

/** What a panel shows after Send: the status, the verdict, and the answer's text. */
export interface PanelAnswer {
  readonly status: number | undefined;
  readonly verdict: "match" | "mismatch" | undefined;
  readonly text: string;
}

/** The "Try it" panel of an operation's section, once the panels' script has put it there. */
export async function tryItPanel(section: Locator): Promise<Locator> {
  const panel = section.locator("section.or-try");
  await panel.waitFor({ state: "visible", timeout: 10_000 });
  return panel;
}

/** Fills the panel's inputs whose label is given, when they are shown (credentials are shared by the page's panels). */
export async function fill(panel: Locator, values: Readonly<Record<string, string>>): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    const input = panel.getByLabel(label, { exact: true });
    if ((await input.count()) > 0) await input.fill(value);
  }
}

/** Presses Send and waits for the answer. */
export async function send(page: Page, panel: Locator): Promise<PanelAnswer> {
  await panel.locator("button.or-try-send").click();
  const result = panel.locator(".or-try-result");
  await page.waitForFunction((node) => node !== null && !node.hasAttribute("aria-busy") && node.childElementCount > 0, await result.elementHandle(), { timeout: 15_000 });
  const status = await result.locator(".or-try-answer").last().locator(".or-try-status").getAttribute("data-status").catch(() => null);
  const verdict = await result.locator(".or-try-answer").last().locator(".or-try-verdict").getAttribute("data-verdict").catch(() => null);
  return { status: status === null ? undefined : Number(status), verdict: (verdict ?? undefined) as PanelAnswer["verdict"], text: await result.innerText() };
}
