/** A minimal keep-alive HTTP GET for load generation: no client library between us and the socket. */
import { request, type Agent } from "node:http";

const REQUEST_TIMEOUT_MS = 10_000;

/** Returns a function that GETs `url` through `agent` and resolves to the body's length. */
export function httpGetter(url: string, agent: Agent, headers: Record<string, string> = {}): () => Promise<number> {
  const target = new URL(url);
  const options = { agent, headers, hostname: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: "GET" };
  return () =>
    new Promise<number>((resolve, reject) => {
      const req = request(options, (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on("end", () => {
          if (res.statusCode === 200) resolve(bytes);
          else reject(new Error(`GET ${target.pathname}: HTTP ${res.statusCode}`));
        });
        res.on("error", reject);
      });
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`GET ${target.pathname}: no answer in ${REQUEST_TIMEOUT_MS} ms`)));
      req.on("error", reject);
      req.end();
    });
}

/** GETs `url` once (no agent reuse) and returns status, content type and body. */
export function httpGetOnce(url: string, headers: Record<string, string> = {}): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, method: "GET" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"] ?? ""), body: Buffer.concat(chunks).toString("utf8") }),
      );
      res.on("error", reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`GET ${url}: no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end();
  });
}
