/**
 * The "Try it" panels in Chromium, against sandboxes started here on port 0: on every reference
 * page, every operation's example request sent from its panel gets the documented success and
 * a "matches the spec" verdict; a wrong credential shows the 401 and its body; the docs server's
 * forwarding proxy refuses a cross-host redirect; nothing leaves loopback. One screenshot of a
 * panel per API goes to packages/docs/test-results/.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apis, listOperations, loadBundledSpec, type ApiDefinition, type OperationInfo } from "@openregions/apis";
import { startMock, startSandbox, type RunningMock, type RunningSandbox } from "@openregions/mock";
import { isLoopbackUrl, launchChromium, watch, type Chromium, type PageLog } from "@openregions/test-support/chromium";
import { startScriptedServer, type ScriptedServer } from "@openregions/test-support/scripted-server";
import { buildDocs } from "../src/build.js";
import { serveStatic, type RunningSite } from "../src/serve.js";
import { renderedOperations, showOperation } from "./support/redoc.js";
import { fill, send, tryItPanel } from "./support/try-it.js";

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "test-results");

let browser: Chromium;
let site: RunningSite;
let outDir: string;
const sandboxes = new Map<string, RunningSandbox>();
let staticMock: RunningMock; // Rainbond's, for the static mock target

/** The inputs a reader fills on each page, from the credentials the sandbox prints. */
function credentialsFor(name: string): Record<string, string> {
  const env = Object.assign({}, ...sandboxes.get(name)!.credentials.map((credential) => credential.env)) as Record<string, string>;
  if (name === "scalingo") return { "API token (tk-us-…)": env["SCALINGO_API_TOKEN"]! };
  if (name === "huawei-iam") return { Password: env["HUAWEI_IAM_PASSWORD"]! };
  if (name === "rainbond") return { "Access key": env["RAINBOND_ACCESS_KEY"]!, "Management token (MANAGE_TOKEN)": env["RAINBOND_MANAGE_TOKEN"]! };
  throw new Error(`no credentials known for ${name}: add them here`);
}

beforeAll(async () => {
  browser = await launchChromium();
  outDir = await mkdtemp(join(tmpdir(), "openregions-try-it-"));
  await buildDocs(outDir);
  for (const api of apis) sandboxes.set(api.name, await startSandbox({ api, port: 0, logLevel: "silent" }));
  staticMock = await startMock({ api: "rainbond", port: 0 });
  const targets = Object.fromEntries([...sandboxes].map(([name, sandbox]) => [name, { sandbox: sandbox.url, ...(name === "rainbond" ? { staticMock: staticMock.url } : {}) }]));
  site = await serveStatic(outDir, 0, "127.0.0.1", { targets });
  await mkdir(resultsDir, { recursive: true });
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([browser?.close(), site?.close(), staticMock?.close(), ...[...sandboxes.values()].map((sandbox) => sandbox.close())]);
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

async function open(path: string): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.context.newPage();
  const log = watch(page);
  await page.goto(`${site.url}/${path}`, { waitUntil: "networkidle" });
  await page.waitForFunction(() => document.documentElement.dataset["tryIt"] === "ready", undefined, { timeout: 10_000 });
  return { page, log };
}

/** Shows an operation by its summary and returns its panel. */
async function panelFor(page: Page, summary: string) {
  const rendered = await renderedOperations(page, (candidate) => candidate.title === summary);
  return tryItPanel(await showOperation(page, rendered.find((candidate) => candidate.title === summary)!.id));
}

const leftLoopback = (log: PageLog): string[] => log.requests.filter((url) => !isLoopbackUrl(url));

/** The page's errors but the answers a test expects, by status (Chromium logs each failed answer twice). */
const unexpectedErrors = (log: PageLog, statuses: readonly number[]): string[] =>
  log.errors.filter((error) => !statuses.some((status) => error.startsWith(`HTTP ${status} for http://127.0.0.1:`) || error.startsWith(`console: Failed to load resource: the server responded with a status of ${status} `)));

/**
 * Example requests that a stateful server answers only after an earlier call, as on the
 * platform: two-factor validation needs an enrolment, and turning it off needs it on. A reader
 * sends those earlier panels first; so does this test, and each must succeed too.
 */
const EARLIER_CALLS: Readonly<Record<string, readonly string[]>> = {
  "scalingo.createTwoFactorAuthValidation": ["createTwoFactorAuth"],
  "scalingo.deleteTwoFactorAuth": ["createTwoFactorAuth", "createTwoFactorAuthValidation"],
};

/** The status an example request gets: its documented success, or, for a method the server never serves, its documented refusal (405). */
const expectedStatusOf = (op: OperationInfo): string => {
  const statuses = Object.keys(op.operation["responses"] as object);
  return statuses.find((status) => status.startsWith("2")) ?? (statuses.includes("405") ? "405" : statuses[0]!);
};

/** The title Redoc renders for an operation (a deprecated one carries a "deprecated" badge). */
const renderedTitle = (op: OperationInfo): string => (op.operation["deprecated"] === true ? `${op.summary} deprecated` : op.summary);

describe.each(apis.map((api) => [api.name, api] as const))("the %s page's Try it panels", (name: string, api: ApiDefinition) => {
  test("send every operation's example request to the sandbox: the documented success, and it matches the spec", async () => {
    const sandbox = sandboxes.get(name)!;
    const { page, log } = await open(`${name}.html`);
    const rendered = await renderedOperations(page);
    const operations = listOperations(loadBundledSpec(api));
    const outcomes: string[] = [];
    const expected: string[] = [];
    const sendFromPanel = async (op: OperationInfo) => {
      const panel = await tryItPanel(await showOperation(page, rendered.find((candidate) => candidate.title === renderedTitle(op))!.id));
      expect(await panel.locator(".or-try-where").innerText()).toBe(`Sends to the sandbox at ${sandbox.url}, directly.`);
      await fill(panel, credentialsFor(name));
      const answer = await send(page, panel);
      outcomes.push(`${op.operationId}: ${answer.status} ${answer.verdict}${answer.verdict === "match" ? "" : `\n${answer.text}`}`);
      expected.push(`${op.operationId}: ${expectedStatusOf(op)} match`);
      return panel;
    };
    for (const op of operations) {
      sandbox.reset(); // each example request against the seed: what the previous one deleted is back
      for (const earlier of EARLIER_CALLS[`${name}.${op.operationId}`] ?? []) await sendFromPanel(operations.find((candidate) => candidate.operationId === earlier)!);
      const panel = await sendFromPanel(op);
      if (op === operations.find((candidate) => candidate.operation["requestBody"])) {
        await page.addStyleTag({ content: ".or-header { position: static !important; }" }); // the sticky header would cover the panel's top
        await panel.screenshot({ path: join(resultsDir, `try-it-${name}.png`) });
      }
    }
    expect(outcomes).toEqual(expected);
    expect(sandbox.violations).toEqual([]);
    expect(leftLoopback(log)).toEqual([]);
    const refusals = operations.map((op) => expectedStatusOf(op)).filter((status) => !status.startsWith("2")).map(Number);
    expect(unexpectedErrors(log, refusals)).toEqual([]);
    await page.close();
  }, 120_000);

  test("a wrong credential shows the 401 and its body, checked against the spec", async () => {
    const { page, log } = await open(`${name}.html`);
    const op = listOperations(loadBundledSpec(api)).find((candidate) => candidate.method === "get" && !candidate.path.includes("{") && "401" in (candidate.operation["responses"] as object) && candidate.operation["security"] === undefined)!;
    const rendered = await renderedOperations(page, (candidate) => candidate.title === op.summary);
    const panel = await tryItPanel(await showOperation(page, rendered.find((candidate) => candidate.title === op.summary)!.id));
    const wrong = Object.fromEntries(Object.keys(credentialsFor(name)).map((label) => [label, label === "Password" ? "not-the-password" : "0123456789abcdef0123456789abcdef01234567"]));
    await fill(panel, wrong);
    const answer = await send(page, panel);
    expect(answer.status).toBe(401);
    expect(answer.verdict).toBe("match");
    const body = await panel.locator(".or-try-response-body").last().innerText();
    expect(body.length).toBeGreaterThan(2);
    expect(() => JSON.parse(body)).not.toThrow();
    expect(leftLoopback(log)).toEqual([]);
    expect(unexpectedErrors(log, [401])).toEqual([]);
    await page.close();
  });
});

describe("Scalingo, as a new user after npm start", () => {
  test("paste the API token once, list the regions, create an SSH key, and list SSH keys shows it", async () => {
    sandboxes.get("scalingo")!.reset();
    const { page, log } = await open("scalingo.html");
    const panelOf = async (summary: string) => {
      const rendered = await renderedOperations(page, (candidate) => candidate.title === summary);
      return tryItPanel(await showOperation(page, rendered.find((candidate) => candidate.title === summary)!.id));
    };
    const regions = await panelOf("List regions");
    await fill(regions, credentialsFor("scalingo"));
    const listed = await send(page, regions);
    expect(`${listed.status} ${listed.verdict}`).toBe("200 match");
    expect(listed.text).toContain("osc-fr1");

    const create = await panelOf("Add an SSH key");
    expect(await create.getByLabel("API token (tk-us-…)", { exact: true }).inputValue()).toBe(credentialsFor("scalingo")["API token (tk-us-…)"]);
    // the spec's example key, sent as the panel prefills it
    const created = await send(page, create);
    expect(`${created.status} ${created.verdict}`, created.text).toBe("201 match");
    const id = /"id": "([^"]+)"/.exec(await create.locator(".or-try-response-body").innerText())?.[1];
    expect(id).toBeDefined();

    const keys = await send(page, await panelOf("List SSH keys"));
    expect(`${keys.status} ${keys.verdict}`).toBe("200 match");
    expect(keys.text).toContain(id!);
    expect((keys.text.match(new RegExp(`"id": "${id}"`, "g")) ?? []).length, "the new key is listed once").toBe(1);
    expect(leftLoopback(log)).toEqual([]);
    expect(unexpectedErrors(log, [])).toEqual([]);
    await page.close();
  });
});

describe("another server, through the docs server's forwarding proxy", () => {
  let upstream: ScriptedServer;
  let elsewhere: ScriptedServer;
  beforeAll(async () => {
    [upstream, elsewhere] = await Promise.all([startScriptedServer(), startScriptedServer()]);
  });
  afterAll(() => Promise.allSettled([upstream?.close(), elsewhere?.close()]));

  test("Huawei IAM's login through the proxy: the token is read from X-Subject-Token, and the call succeeds", async () => {
    const sandbox = sandboxes.get("huawei-iam")!;
    sandbox.reset();
    const { page, log } = await open("huawei-iam.html");
    const panel = await panelFor(page, "List regions");
    await panel.getByLabel("Send to", { exact: true }).selectOption("other");
    await panel.getByLabel("Server URL", { exact: true }).fill(sandbox.url);
    await fill(panel, credentialsFor("huawei-iam"));
    const answer = await send(page, panel);
    expect(`${answer.status} ${answer.verdict}`, answer.text).toBe("200 match");
    expect(answer.text).toContain(`GET /__docs/proxy/v3/regions → ${sandbox.url}`);
    expect(answer.text).toContain("Token: the password login's X-Subject-Token just now");
    expect(log.requests.filter((url) => url.startsWith(sandbox.url)), "the page called the server only through the proxy").toEqual([]);
    expect(leftLoopback(log)).toEqual([]);
    expect(unexpectedErrors(log, [])).toEqual([]);
    await page.close();
  });

  test("a redirect to another host is refused, and the page says so", async () => {
    const { page, log } = await open("rainbond.html");
    const rendered = await renderedOperations(page, (candidate) => candidate.title === "List regions");
    const panel = await tryItPanel(await showOperation(page, rendered.find((candidate) => candidate.title === "List regions")!.id));
    await panel.getByLabel("Send to", { exact: true }).selectOption("other");
    await panel.getByLabel("Server URL", { exact: true }).fill(upstream.url);
    expect(await panel.locator(".or-try-where").innerText()).toBe(`Sends to the server at ${upstream.url}, through the docs server's forwarding proxy.`);
    await fill(panel, { "Access key": "3f9c0d2b7e4a41c8a0b6e5d7c2f1a9b4e8d03c6f" });
    const redirect = elsewhere.url.replace("127.0.0.1", "localhost");
    upstream.answer((res) => res.writeHead(302, { location: `${redirect}/openapi/v1/regions` }).end());
    const answer = await send(page, panel);
    expect(answer.status).toBe(502);
    expect(answer.text).toContain(`the server redirected to http://${new URL(redirect).host}, another host than ${upstream.url}: refused`);
    expect(upstream.seen.map((request) => `${request.method} ${request.url} ${request.headers["authorization"]}`)).toEqual(["GET /openapi/v1/regions 3f9c0d2b7e4a41c8a0b6e5d7c2f1a9b4e8d03c6f"]);
    expect(elsewhere.seen).toEqual([]);
    expect(leftLoopback(log)).toEqual([]);
    expect(log.requests.filter((url) => url.startsWith(upstream.url) || url.startsWith(redirect))).toEqual([]); // the page itself only talks to the docs server
    await page.close();
  });
});

describe("targets, keyboard and themes", () => {
  test("the static mock: the page says so, and its example answer matches the spec", async () => {
    const { page, log } = await open("rainbond.html");
    const panel = await panelFor(page, "Get a region");
    await panel.getByLabel("Send to", { exact: true }).selectOption("static");
    expect(await panel.locator(".or-try-where").innerText()).toBe(`Sends to the static mock at ${staticMock.url}, directly.`);
    await fill(panel, credentialsFor("rainbond"));
    const answer = await send(page, panel);
    expect(`${answer.status} ${answer.verdict}`, answer.text).toBe("200 match");
    expect(answer.text).toContain(`GET ${staticMock.url}/openapi/v1/regions/`);
    expect(leftLoopback(log)).toEqual([]);
    expect(unexpectedErrors(log, [])).toEqual([]);
    await page.close();
  });

  test("every control has a label, and the panel works from the keyboard alone", async () => {
    const { page, log } = await open("rainbond.html");
    const panel = await panelFor(page, "List regions");
    const unlabelled = await panel.evaluate((root) =>
      [...root.querySelectorAll("input, select, textarea")].filter((control) => (control as HTMLInputElement).labels?.length === 0).map((control) => control.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    await panel.getByLabel("Access key", { exact: true }).focus();
    await page.keyboard.type(credentialsFor("rainbond")["Access key"]!);
    let onSend = false;
    for (let step = 0; step < 20 && !onSend; step++) {
      await page.keyboard.press("Tab");
      onSend = await page.evaluate(() => document.activeElement?.classList.contains("or-try-send") ?? false);
    }
    expect(onSend, "Send reached with Tab").toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForFunction((node) => node !== null && !node.hasAttribute("aria-busy") && node.childElementCount > 0, await panel.locator(".or-try-result").elementHandle());
    expect(await panel.locator(".or-try-status").getAttribute("data-status")).toBe("200");
    expect(await panel.locator(".or-try-result").getAttribute("aria-live")).toBe("polite");
    expect(unexpectedErrors(log, [])).toEqual([]);
    await page.close();
  });

  test.each(["light", "dark"] as const)("follows Redoc's %s mode", async (mode) => {
    const page = await browser.context.newPage();
    await page.addInitScript((chosen) => localStorage.setItem("redoc.colorMode", chosen), mode);
    await page.goto(`${site.url}/huawei-iam.html`, { waitUntil: "networkidle" });
    const panel = await panelFor(page, "Get the v3 version document");
    expect(await page.evaluate(() => document.documentElement.className)).toContain(mode);
    const [r, g, b] = (await panel.evaluate((node) => getComputedStyle(node).backgroundColor)).match(/\d+/g)!.map(Number) as [number, number, number];
    const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    if (mode === "dark") expect(luminance).toBeLessThan(0.3);
    else expect(luminance).toBeGreaterThan(0.8);
    await panel.screenshot({ path: join(resultsDir, `try-it-huawei-iam-${mode}.png`) });
    await page.close();
  });
});
