import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { serveStatic, type RunningSite } from "../src/serve.js";

let root: string;
let site: RunningSite;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "openregions-serve-"));
  await mkdir(join(root, "assets"));
  await writeFile(join(root, "index.html"), "<!doctype html><title>hi</title>");
  await writeFile(join(root, "assets", "logo.svg"), "<svg/>");
  site = await serveStatic(root, 0);
});
afterAll(() => rm(root, { recursive: true, force: true }));

test("serves the site's files on loopback, with their types, and nothing else", async () => {
  expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const index = await fetch(`${site.url}/`);
  expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(await index.text()).toContain("<title>hi</title>");
  expect((await fetch(`${site.url}/assets/logo.svg`)).headers.get("content-type")).toBe("image/svg+xml");
  expect((await fetch(`${site.url}/missing.html`)).status).toBe(404);
  expect((await fetch(`${site.url}/..%2f..%2f..%2fetc%2fpasswd`)).status).toBe(403);
});

test("close() does not wait for sockets a browser keeps open", async () => {
  const { port } = new URL(site.url);
  const socket = connect(Number(port), "127.0.0.1"); // preconnected, no request: never idle for Node
  await new Promise((resolve) => socket.once("connect", resolve));
  const started = Date.now();
  await site.close();
  expect(Date.now() - started).toBeLessThan(2_000);
  socket.destroy();
});
