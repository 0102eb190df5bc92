import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { PROXY_PATH, TARGETS_PATH, type TryItRuntime, type TryItTargets } from "./try-it/model.js";
import { handleProxy, isLoopbackHostname } from "./try-it/proxy.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".yaml": "application/yaml",
  ".css": "text/css",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export interface RunningSite {
  readonly url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** The servers each API's "Try it" panels send to by default (the running sandboxes), by API name. */
  readonly targets?: Readonly<Record<string, TryItTargets>>;
  /** Forward "Try it" requests to real servers (PROXY_PATH); default true. Only on a loopback host. */
  readonly proxy?: boolean;
}

/**
 * Serves a built site read-only on loopback; nothing outside `root` is reachable. Besides the
 * files: TARGETS_PATH tells the "Try it" panels which servers are running, and PROXY_PATH is the
 * forwarding proxy to real servers (see try-it/proxy.ts).
 */
export async function serveStatic(root: string, port = 0, host = "127.0.0.1", options: ServeOptions = {}): Promise<RunningSite> {
  const proxy = options.proxy ?? true;
  if (proxy && !isLoopbackHostname(host)) throw new Error(`the docs server forwards requests only when it listens on loopback, not on ${host}`);
  const runtime: TryItRuntime = { proxy, apis: options.targets ?? {} };
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (path === TARGETS_PATH) {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(runtime));
      return;
    }
    if (proxy && (path === PROXY_PATH || path.startsWith(`${PROXY_PATH}/`))) {
      await handleProxy(req, res);
      return;
    }
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(normalize(root) + sep) && file !== normalize(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a file");
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "content-length": info.size,
        "cache-control": "no-cache",
      });
      if (req.method === "HEAD") res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    // also drop open keep-alive and preconnected sockets: a browser may hold them for minutes
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
