import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  BadRequestError,
  ConnectionError,
  createRainbondClient,
  ForbiddenError,
  InsecureUrlError,
  InvalidResponseError,
  NotFoundError,
  rainbondErrorBody,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  type RainbondClientOptions,
  type RainbondNewRegion,
  type RainbondRegionSummary,
} from "../../src/rainbond.js";
import { failure, hang, json, networkError, recordingFetch, testPipeline, text, type Handler } from "../runtime/helpers.js";

const CONSOLE = "https://console.rainbond.test:7070";
const KEY = "3f9c0d2b7e4a41c8a0b6e5d7c2f1a9b4e8d03c6f";
const CANARY_KEY = "ca4a3e7c0ffee0ddba11c0de5ca1ab1ecafe4b1d"; // 40 hex, grepped for in every rendering

const REGION: RainbondRegionSummary = {
  region_id: "febc993cefe84d158b3ac245d7aa0943",
  region_name: "test",
  region_alias: "自建集群",
  url: "https://192.168.2.225:8443",
  status: "1",
  desc: "",
  scope: "private",
  ssl_ca_cert: null,
  cert_file: null,
  key_file: null,
};

const NEW_REGION: RainbondNewRegion = {
  region_name: "edge-sh",
  region_alias: "上海边缘集群",
  url: "https://10.10.20.15:8443",
  wsurl: "wss://10.10.20.15:6060",
  httpdomain: "edge-sh.grapps.cn",
  tcpdomain: "10.10.20.15",
};

function setup(handler: Handler | Handler[], options: Partial<RainbondClientOptions> = {}) {
  const { options: pipeline, calls, sleeps, logs, clock } = testPipeline(handler);
  const client = createRainbondClient({ baseUrl: CONSOLE, accessKey: KEY, ...pipeline, ...options });
  return { client, calls, sleeps, logs, clock };
}

describe("Rainbond: access key", () => {
  it("sends the raw key as the whole Authorization header, no Bearer, on every operation", async () => {
    const { client, calls } = setup([
      () => json(200, [REGION]),
      () => json(200, { ...REGION, region_id: undefined }),
      () => json(201, { ...NEW_REGION, region_id: "8c4b9e2f61d04a8e9d0f3b7a2c5e1d40" }),
    ]);
    await client.listRegions();
    await client.getRegion("test");
    await client.createRegion(NEW_REGION);
    expect(calls.map((c) => c.headers.authorization)).toEqual([KEY, KEY, KEY]);
    for (const call of calls) {
      expect(call.headers.authorization).toMatch(/^[0-9a-f]{40}$/);
      expect(Object.keys(call.headers).filter((h) => /auth|token/i.test(h))).toEqual(["authorization"]);
    }
  });

  it("raw openapi-fetch methods carry the key too", async () => {
    const { client, calls } = setup(() => json(200, []));
    const { data } = await client.GET("/openapi/v1/regions");
    expect(data).toEqual([]);
    expect(calls[0]?.headers.authorization).toBe(KEY);
  });

  it.each([
    ["empty", ""],
    ["blank", "   "],
    ["with a Bearer prefix", `Bearer ${CANARY_KEY}`],
    ["with a trailing newline", `${CANARY_KEY}\n`],
  ])("refuses a key %s, without echoing it", (_label, accessKey) => {
    let error: unknown;
    try {
      createRainbondClient({ baseUrl: CONSOLE, accessKey });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).not.toContain(CANARY_KEY);
  });
});

describe("Rainbond: operations", () => {
  it("listRegions returns the bare array, [] when none", async () => {
    const { client, calls } = setup([() => json(200, [REGION]), () => json(200, [])]);
    expect(await client.listRegions()).toEqual([REGION]);
    expect(await client.listRegions()).toEqual([]);
    expect(calls[0]?.method).toBe("GET");
    expect(calls[0]?.url).toBe(`${CONSOLE}/openapi/v1/regions`);
  });

  it("getRegion takes a name or id and sends extend_info only when asked", async () => {
    const { client, calls } = setup(() => json(200, { region_name: "test", region_alias: "a", url: "https://x", status: "1", desc: "", used_cpu: 3.5 }));
    const region = await client.getRegion("test", { extendInfo: true });
    expect(region.used_cpu).toBe(3.5);
    await client.getRegion("febc993cefe84d158b3ac245d7aa0943");
    await client.getRegion("test", { extendInfo: false });
    expect(calls.map((c) => c.url)).toEqual([
      `${CONSOLE}/openapi/v1/regions/test?extend_info=true`,
      `${CONSOLE}/openapi/v1/regions/febc993cefe84d158b3ac245d7aa0943`,
      `${CONSOLE}/openapi/v1/regions/test?extend_info=false`,
    ]);
  });

  it("getRegion encodes the name into the path", async () => {
    const { client, calls } = setup(() => json(200, { region_name: "a/b", region_alias: "a", url: "https://x", status: "1", desc: "" }));
    await client.getRegion("a/b c");
    expect(new URL(calls[0]!.url).pathname).toBe("/openapi/v1/regions/a%2Fb%20c");
  });

  it("createRegion posts the JSON body and returns the stored record", async () => {
    const created = { ...NEW_REGION, region_id: "8c4b9e2f61d04a8e9d0f3b7a2c5e1d40", enterprise_id: "bea4b7ce", token: null };
    const { client, calls } = setup(() => json(201, created));
    expect(await client.createRegion(NEW_REGION)).toEqual(created);
    expect(calls[0]?.method).toBe("POST");
    expect(calls[0]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(calls[0]!.body)).toEqual(NEW_REGION);
  });

  it("a base URL with a path prefix is kept", async () => {
    const { client, calls } = setup(() => json(200, []), { baseUrl: "https://rainbond.example.com/console/" });
    await client.listRegions();
    expect(calls[0]?.url).toBe("https://rainbond.example.com/console/openapi/v1/regions");
  });
});

describe("Rainbond: typed errors from the loose error object", () => {
  it("404 {code, msg, msg_show} → NotFoundError with both messages and the code", async () => {
    const { client } = setup(() => json(404, { code: 404, msg: "no found region", msg_show: "数据中心不存在" }));
    const err = await failure(client.getRegion("nope"));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toBe("GET /openapi/v1/regions/nope → 404 Not Found: no found region (数据中心不存在)");
    expect((err as NotFoundError).code).toBe("404");
    expect(rainbondErrorBody(err)).toEqual({ code: 404, msg: "no found region", msg_show: "数据中心不存在" });
  });

  it("400 validation {detail, err: {field: [...]}, code: 20400} → BadRequestError listing the fields", async () => {
    const body = { detail: "参数错误", err: { url: ["数据中心API地址非法"], wsurl: ["数据中心Websocket地址非法"] }, code: 20400 };
    const { client, calls } = setup(() => json(400, body));
    const err = await failure(client.createRegion(NEW_REGION));
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.message).toBe("POST /openapi/v1/regions → 400 Bad Request: 参数错误 (url: 数据中心API地址非法; wsurl: 数据中心Websocket地址非法)");
    expect((err as BadRequestError).code).toBe("20400");
    expect(rainbondErrorBody(err)?.err).toEqual(body.err);
    expect(calls).toHaveLength(1);
  });

  it("400 with a list of messages, and 400 {msg} alone", async () => {
    const { client } = setup([() => json(400, { detail: "参数错误", err: ["数据中心状态值不正确"], code: 20400 }), () => json(400, { msg: "数据中心名称已存在" })]);
    expect((await failure(client.createRegion(NEW_REGION))).message).toContain(": 参数错误 (数据中心状态值不正确)");
    expect((await failure(client.createRegion(NEW_REGION))).message).toContain(": 数据中心名称已存在");
  });

  it("401 {detail: No token} → UnauthorizedError, not replayed", async () => {
    const { client, calls } = setup(() => json(401, { detail: "No token", code: 401, msg: "No token", msg_show: "No token" }, { "WWW-Authenticate": "Token" }));
    const err = await failure(client.listRegions());
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err.message).toBe("GET /openapi/v1/regions → 401 Unauthorized: No token");
    expect(calls).toHaveLength(1);
  });

  it("403 from a non-admin key → ForbiddenError", async () => {
    const { client } = setup(() => json(403, { detail: "You do not have permission to perform this action.", code: 403 }));
    const err = await failure(client.listRegions());
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.message).toContain("You do not have permission");
  });

  it("500 with no body still gives a typed error; GETs are retried, createRegion is not", async () => {
    const { client, calls, sleeps } = setup(() => text(500, ""));
    expect(await failure(client.listRegions())).toBeInstanceOf(ServerError);
    expect(calls).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    const post = setup(() => json(500, { code: 10401, msg: "HTTPSConnectionPool(host='192.168.2.225', port=8443)", msg_show: "服务端异常" }));
    const err = await failure(post.client.createRegion(NEW_REGION));
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toContain("(服务端异常)");
    expect(post.calls).toHaveLength(1);
  });

  it("a transient 503 on GET is retried and then succeeds", async () => {
    const { client, calls } = setup([() => json(503, { msg: "busy" }), () => json(200, [REGION])]);
    expect(await client.listRegions()).toEqual([REGION]);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.headers.authorization).toBe(KEY);
  });

  it("createRegion is retried when the connection provably failed before sending", async () => {
    const { client, calls } = setup([
      () => Promise.reject(networkError("ECONNREFUSED")),
      () => json(201, { ...NEW_REGION, region_id: "8c4b9e2f61d04a8e9d0f3b7a2c5e1d40" }),
    ]);
    expect((await client.createRegion(NEW_REGION)).region_id).toBe("8c4b9e2f61d04a8e9d0f3b7a2c5e1d40");
    expect(calls).toHaveLength(2);
  });

  it("a 200 HTML page (wrong baseUrl) → InvalidResponseError, not a SyntaxError", async () => {
    const { client } = setup(() => new Response("<!doctype html><title>Rainbond</title>", { status: 200, headers: { "content-type": "text/html" } }));
    const err = await failure(client.listRegions());
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err.message).toBe("GET /openapi/v1/regions → 200 OK: expected a JSON body, got text/html (does baseUrl point at the API?)");
  });

  it("a JSON 200 that is not an array → InvalidResponseError", async () => {
    const { client } = setup(() => json(200, { regions: [] }));
    expect(await failure(client.listRegions())).toBeInstanceOf(InvalidResponseError);
  });

  it("per-call timeoutMs and signal", async () => {
    const { client, clock } = setup(hang, { retry: false });
    const pending = failure(client.getRegion("test", { extendInfo: true, timeoutMs: 1_000 }));
    await clock.advance(1_000);
    expect(await pending).toBeInstanceOf(TimeoutError);

    const controller = new AbortController();
    const aborted = failure(client.listRegions({ signal: controller.signal }));
    controller.abort();
    expect((await aborted).name).toBe("AbortError");
  });
});

describe("Rainbond: the access key never leaks", () => {
  const renderings = (err: Error): string[] => [
    err.message,
    String(err),
    JSON.stringify(err),
    inspect(err, { showHidden: true, depth: 20 }),
    err.stack ?? "",
    inspect(err.cause, { showHidden: true, depth: 20 }),
  ];

  it.each<[string, Handler]>([
    ["401 echoing the key in detail", () => json(401, { detail: `Invalid token ${CANARY_KEY}`, code: 401 })],
    ["403 echoing the key in msg and msg_show", () => json(403, { code: 403, msg: `key ${CANARY_KEY} lacks permission`, msg_show: CANARY_KEY })],
    ["400 echoing the key in validation details", () => json(400, { detail: "bad", err: { authorization: [CANARY_KEY], url: [`${CANARY_KEY} invalid`] } })],
    ["500 echoing the header as text", () => text(500, `Authorization: ${CANARY_KEY}`)],
    ["network error quoting the header", () => Promise.reject(networkError("ECONNRESET", `socket closed after Authorization: ${CANARY_KEY}`))],
  ])("%s", async (_label, handler) => {
    const { client, logs } = setup(handler, { accessKey: CANARY_KEY });
    const err = await failure(client.listRegions());
    expect(err.name).toMatch(/Error$/);
    for (const rendering of [...renderings(err), JSON.stringify(logs), ...logs.map((l) => l.message)]) {
      expect(rendering).not.toContain(CANARY_KEY);
    }
    expect(err instanceof ConnectionError || JSON.stringify(err).includes("[REDACTED]")).toBe(true);
  });

  it("the client object does not print the key", () => {
    const { client } = setup(() => json(200, []), { accessKey: CANARY_KEY });
    expect(inspect(client, { showHidden: true, depth: 6 })).not.toContain(CANARY_KEY);
    expect(JSON.stringify(client) ?? "").not.toContain(CANARY_KEY);
  });

  it("the cluster token and client key sent with createRegion stay out of errors", async () => {
    const clusterToken = "CANARYcluster0token0123456789abcdef012345";
    const keyFile = "-----BEGIN RSA PRIVATE KEY-----\nCANARYprivatekeymaterial\n-----END RSA PRIVATE KEY-----\n";
    const { client } = setup(() => json(400, { msg: `cannot reach cluster with token ${clusterToken}`, detail: `bad key CANARYprivatekeymaterial` }));
    const err = await failure(client.createRegion({ ...NEW_REGION, token: clusterToken, key_file: keyFile }));
    expect(JSON.stringify(err)).not.toContain(clusterToken);
    expect(err.message).not.toContain(clusterToken);
  });

  it("the key_file (the cluster's private key) never appears in errors or log lines, whole or line by line", async () => {
    const keyLines = ["MIIEowIBAAKCAQEAcanaryPRIVATEkeyLINEone0123456789abcdef", "CANARYprivatekeyLINEtwo0123456789abcdefABCDEFGHIJ"];
    const keyFile = `-----BEGIN RSA PRIVATE KEY-----\n${keyLines.join("\n")}\n-----END RSA PRIVATE KEY-----\n`;
    for (const handler of [
      () => json(400, { msg: `cannot parse key_file ${keyFile}`, detail: keyFile }),
      () => json(400, { msg: `bad key line ${keyLines[1]}`, err: { key_file: [keyLines[0]] } }),
      () => text(500, `rejected ${keyFile}`),
      () => Promise.reject(networkError("ECONNRESET", `socket closed while sending ${keyLines[0]}`)),
    ] as Handler[]) {
      const { client, logs } = setup(handler);
      const err = await failure(client.createRegion({ ...NEW_REGION, key_file: keyFile }));
      for (const rendering of [...renderings(err), JSON.stringify(logs), ...logs.map((l) => l.message)]) {
        for (const line of keyLines) expect(rendering).not.toContain(line);
      }
      expect(logs.length).toBeGreaterThan(0);
    }
  });
});

describe("Rainbond: TLS rule", () => {
  it.each(["http://console.rainbond.test:7070", "http://192.168.2.225:7070", "ws://console.rainbond.test"])("refuses %s (trial consoles on plain http included)", (baseUrl) => {
    expect(() => createRainbondClient({ baseUrl, accessKey: KEY })).toThrow(InsecureUrlError);
  });

  it.each(["https://console.rainbond.test", "http://127.0.0.1:7070", "http://localhost:7070", "http://[::1]:7070"])("accepts %s", async (baseUrl) => {
    const { fetch, calls } = recordingFetch(() => json(200, []));
    const client = createRainbondClient({ baseUrl, accessKey: KEY, fetch });
    await client.listRegions();
    expect(calls[0]?.headers.authorization).toBe(KEY);
  });
});
