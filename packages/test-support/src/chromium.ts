import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Debian's Chromium by default; playwright-core never downloads a browser. */
export const CHROMIUM_PATH: string = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** True for URLs that stay on this machine: http(s) to localhost/127.x/[::1], blob: of such an origin, data:. */
export function isLoopbackUrl(url: string): boolean {
  let origin: URL;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "data:" || parsed.protocol === "about:") return true;
    origin = parsed.protocol === "blob:" ? new URL(parsed.origin) : parsed;
  } catch {
    return false;
  }
  if (origin.protocol !== "http:" && origin.protocol !== "https:") return false;
  return origin.hostname === "localhost" || origin.hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(origin.hostname);
}

export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile, in which every non-loopback request is aborted.
 * Fails, saying what to do, when there is no Chromium: the browser tests must not be skipped.
 */
export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the browser tests need it. Install Debian's package ` +
        `(apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
    );
  }
  const profile = await mkdtemp(join(tmpdir(), "openregions-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    serviceWorkers: "block",
  });
  await context.route((url) => !isLoopbackUrl(url.href), (route) => route.abort("blockedbyclient"));
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did that a test asserts on: every request it made, and every error it reported. */
export interface PageLog {
  readonly requests: string[];
  readonly errors: string[];
}

export function watch(page: Page): PageLog {
  const log: PageLog = { requests: [], errors: [] };
  page.on("request", (request) => log.requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") log.errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => log.errors.push(`page error: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) log.errors.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  page.on("requestfailed", (request) => log.errors.push(`failed: ${request.url()} (${request.failure()?.errorText})`));
  return log;
}
