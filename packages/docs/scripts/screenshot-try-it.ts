/**
 * docs/screenshot-try-it.png for the README: the Scalingo page's "Add an SSH key" panel after a
 * Send to a sandbox (API token pasted once, the answer checked against the spec), in Chromium
 * from a fresh build. Run: pnpm --filter @openregions/docs screenshot:try-it
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot } from "@openregions/apis";
import { startSandbox } from "@openregions/mock";
import { launchChromium } from "@openregions/test-support/chromium";
import { buildDocs } from "../src/build.js";
import { serveStatic } from "../src/serve.js";
import { renderedOperations, showOperation } from "../test/support/redoc.js";
import { fill, send, tryItPanel } from "../test/support/try-it.js";

const output = join(repoRoot, "docs", "screenshot-try-it.png");
const outDir = await mkdtemp(join(tmpdir(), "openregions-screenshot-"));
const sandbox = await startSandbox({ api: "scalingo", port: 0, logLevel: "silent" });
const browser = await launchChromium();
try {
  await buildDocs(outDir);
  const site = await serveStatic(outDir, 0, "127.0.0.1", { targets: { scalingo: { sandbox: sandbox.url } } });
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto(`${site.url}/scalingo.html`, { waitUntil: "networkidle" });
    const isCreateKey = (op: { title: string }): boolean => op.title === "Add an SSH key";
    const createKey = (await renderedOperations(page, isCreateKey)).find(isCreateKey);
    if (!createKey) throw new Error('the Scalingo page shows no "Add an SSH key" operation');
    const panel = await tryItPanel(await showOperation(page, createKey.id));
    const token = sandbox.credentials.flatMap((credential) => Object.entries(credential.env)).find(([name]) => name === "SCALINGO_API_TOKEN")?.[1] ?? "";
    const key = { key: { name: "laptop", content: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@laptop" } };
    await fill(panel, { "API token (tk-us-…)": token, "Request body": JSON.stringify(key, null, 2) });
    const answer = await send(page, panel);
    if (answer.status !== 201 || answer.verdict !== "match") throw new Error(`expected 201 matching the spec, got ${answer.status} ${answer.verdict}:\n${answer.text}`);
    await page.addStyleTag({ content: ".or-header { position: static !important; }" });
    await mkdir(dirname(output), { recursive: true });
    await panel.screenshot({ path: output });
    console.log(`wrote ${output}`);
  } finally {
    await site.close();
  }
} finally {
  await Promise.allSettled([browser.close(), sandbox.close()]);
  await rm(outDir, { recursive: true, force: true });
}
