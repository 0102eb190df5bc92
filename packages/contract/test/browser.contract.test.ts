/**
 * Holds the clients to their promise of running in a browser: the built `@openregions/client`,
 * bundled for the browser by esbuild, runs in Chromium (Debian's, through playwright-core) from a
 * page on one loopback origin against the Prism mocks on others, so every call crosses CORS.
 * Scalingo goes through the real token exchange and bearer, a documented 404 comes back as
 * `NotFoundError`, and the pipeline's responses behave as `Response`s; Rainbond sends its raw
 * access key in `Authorization`; Huawei IAM logs in and reads its token from the `X-Subject-Token`
 * header, which only works if the server exposes it. No Node API is available in the page, so a
 * Node-only dependency of the client core fails this test.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "@openregions/mock";
import { launchChromium, watch, type Chromium } from "@openregions/test-support/chromium";
import type { BrowserRun } from "./browser/app.js";

const API_TOKEN = "tk-us-BROWSERcanary0123456789abcdefghijklmnopqrstuv";

let scalingoMock: RunningMock;
let rainbondMock: RunningMock;
let huaweiMock: RunningMock;
let page: Server;
let pageUrl: string;
let browser: Chromium;
let bundleBytes = 0;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, "browser", "app.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const script = bundle.outputFiles[0]!.text;
  bundleBytes = Buffer.byteLength(script);
  [scalingoMock, rainbondMock, huaweiMock] = await Promise.all([startMock({ api: "scalingo" }), startMock({ api: "rainbond" }), startMock({ api: "huawei-iam" })]);
  page = createServer((req, res) => {
    if (req.url === "/app.js") res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    else if (req.url === "/") res.writeHead(200, { "content-type": "text/html" }).end('<!doctype html><title>clients</title><script type="module" src="/app.js"></script>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
  pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => page?.close(resolve));
  await Promise.all([scalingoMock?.close(), rainbondMock?.close(), huaweiMock?.close()]);
});

describe("the clients in a browser", () => {
  it("run against the mocks across origins, through their auth flows, with typed errors", async () => {
    expect(bundleBytes).toBeGreaterThan(0);
    const tab = await browser.context.newPage();
    const log = watch(tab);
    await tab.goto(pageUrl);
    await tab.waitForFunction(() => typeof (globalThis as { runClients?: unknown }).runClients === "function");
    const result = await tab.evaluate(
      ([urls, token]) => (globalThis as unknown as { runClients: (u: typeof urls, t: string) => Promise<BrowserRun> }).runClients(urls, token),
      [{ scalingo: scalingoMock.url, rainbond: rainbondMock.url, huawei: huaweiMock.url }, API_TOKEN] as const,
    );
    await tab.close();

    expect(result.scalingo).toMatchObject({
      user: "doc-account",
      regions: ["osc-fr1", "osc-secnum-fr1"],
      api: "https://api.osc-fr1.scalingo.com",
      exchanged: true,
      notFound: { name: "NotFoundError", typed: true, status: 404 },
      rawResponse: { isResponse: true, regions: 2, bodyUsed: true, secondReadFails: true },
    });
    expect(result.scalingo.notFound.message).toMatch(/^GET \/v1\/keys\/5ae1bb5b3de6ec000e5d0d9d → 404 Not Found/);
    expect(result.rainbond).toEqual({ regions: ["test"], region: "test: 1" });
    expect(result.huawei.regions.length).toBeGreaterThan(0);
    expect(result.huawei.version).toMatch(/^v3/);

    expect(JSON.stringify(result)).not.toContain(API_TOKEN);
    const exchanges = log.requests.filter((url) => url === `${scalingoMock.url}/v1/tokens/exchange`);
    expect(exchanges, "one token exchange for the whole run").toHaveLength(1);
    // the documented 404 is the only failure the page reports (the browser logs it once more)
    expect(log.errors).toEqual([
      `HTTP 404 for ${scalingoMock.url}/v1/keys/5ae1bb5b3de6ec000e5d0d9d`,
      "console: Failed to load resource: the server responded with a status of 404 (Not Found)",
    ]);
  });
});
