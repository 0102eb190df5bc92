/**
 * Holds the Rainbond client and the Prism mock to the spec: every operation is called through
 * `createRainbondClient` (raw key in `Authorization`), and each answer must carry the documented
 * status and a body that validates against the documented schema. Requests that break the spec
 * must be refused with the console's loose error object, and the client must turn that object
 * into a typed error with a readable message.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  BadRequestError,
  createRainbondClient,
  rainbondErrorBody,
  UnauthorizedError,
  type RainbondNewRegion,
} from "@openregions/client/rainbond";
import { readBody, useMock } from "./harness.js";

const harness = useMock("rainbond");
const ACCESS_KEY = "3f9c0d2b7e4a41c8a0b6e5d7c2f1a9b4e8d03c6f";

const NEW_REGION: RainbondNewRegion = {
  region_name: "edge-sh",
  region_alias: "上海边缘集群",
  url: "https://10.10.20.15:8443",
  wsurl: "wss://10.10.20.15:6060",
  httpdomain: "edge-sh.grapps.cn",
  tcpdomain: "10.10.20.15",
  scope: "private",
  status: "1",
  desc: "Edge cluster for the Shanghai stores",
};

interface Exchange {
  request: Request;
  response: Response;
}

/** The client, over a fetch that keeps a copy of every request and raw answer. */
function client(accessKey = ACCESS_KEY) {
  const exchanges: Exchange[] = [];
  const api = createRainbondClient({
    baseUrl: harness.mock.url,
    accessKey,
    retry: false,
    fetch: async (request) => {
      const copy = request.clone();
      const response = await globalThis.fetch(request);
      exchanges.push({ request: copy, response: response.clone() });
      return response;
    },
  });
  return { api, exchanges };
}

describe("Rainbond console OpenAPI: every operation through the typed client", () => {
  it("listRegions returns the bare array, with the raw key in Authorization", async () => {
    const { api, exchanges } = client();
    const { data, response } = await api.GET("/openapi/v1/regions");
    harness.expectConforms("listRegions", response, data);
    expect(Array.isArray(data)).toBe(true);
    expect(data[0]).toMatchObject({ region_id: "febc993cefe84d158b3ac245d7aa0943", region_name: "test", status: "1", ssl_ca_cert: null });
    expect(exchanges[0]!.request.headers.get("authorization")).toBe(ACCESS_KEY);

    expect(await api.listRegions()).toEqual(data);
  });

  it("listRegions answers [] when no cluster is registered", async () => {
    const { data, response } = await client().api.GET("/openapi/v1/regions", { headers: { Prefer: "example=noRegion" } });
    harness.expectConforms("listRegions", response, data);
    expect(data).toEqual([]);
  });

  it("getRegion by name, with and without extend_info", async () => {
    const { api, exchanges } = client();
    const plain = await api.GET("/openapi/v1/regions/{region_id}", { params: { path: { region_id: "test" } } });
    harness.expectConforms("getRegion", plain.response, plain.data);
    expect(plain.data.region_name).toBe("test");

    const extended = await api.GET("/openapi/v1/regions/{region_id}", {
      params: { path: { region_id: "test" }, query: { extend_info: true } },
      headers: { Prefer: "example=withExtendInfo" },
    });
    harness.expectConforms("getRegion", extended.response, extended.data);
    expect(extended.data.health_status).toBe("ok");
    expect(extended.data.total_cpu).toBeGreaterThan(0);

    const viaHelper = await api.getRegion("febc993cefe84d158b3ac245d7aa0943", { extendInfo: true });
    expect(viaHelper.region_name).toBe("test");
    expect(new URL(exchanges.at(-1)!.request.url).search).toBe("?extend_info=true");
  });

  it("createRegion registers a cluster and answers 201 with its new id", async () => {
    const { api } = client();
    const { data, response } = await api.POST("/openapi/v1/regions", { body: NEW_REGION });
    harness.expectConforms("createRegion", response, data);
    expect(response.status).toBe(201);
    expect(data.region_id).toMatch(/^[0-9a-f]{32}$/);

    const viaHelper = await api.createRegion(NEW_REGION);
    expect(viaHelper.region_name).toBe("edge-sh");
  });
});

describe("Rainbond console OpenAPI: requests that break the spec are refused in the console's error shape", () => {
  function conformsAsError(operationId: string, exchange: Exchange | undefined, body: unknown) {
    expect(exchange).toBeDefined();
    const { problems } = harness.validator.checkResponse(operationId, exchange!.response.status, exchange!.response.headers.get("content-type"), body);
    expect(problems).toEqual([]);
  }

  it("a region without url gets 400 {detail, err, code: 20400}, thrown as BadRequestError naming the fields", async () => {
    const { api, exchanges } = client();
    const { url: _omitted, ...withoutUrl } = NEW_REGION;
    const err = await api.createRegion(withoutUrl as RainbondNewRegion).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    const error = err as BadRequestError;
    expect(error.status).toBe(400);
    expect(error.code).toBe("20400");
    expect(error.message).toMatch(/^POST \/openapi\/v1\/regions → 400 Bad Request: 参数错误 \(url: /);
    expect(rainbondErrorBody(error)).toMatchObject({ detail: "参数错误", code: 20400 });
    const raw = await readBody(exchanges[0]!.response);
    conformsAsError("createRegion", exchanges[0], raw);
    expect(error.body).toEqual(raw);
    expect(exchanges).toHaveLength(1);
  });

  it("a region with a numeric status is refused with 400", async () => {
    const { api, exchanges } = client();
    const err = await api.createRegion({ ...NEW_REGION, status: 1 } as unknown as RainbondNewRegion).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    conformsAsError("createRegion", exchanges[0], await readBody(exchanges[0]!.response));
  });

  it("a call without Authorization gets 401 {detail: No token}", async () => {
    const response = await fetch(`${harness.mock.url}/openapi/v1/regions`);
    const body = await readBody(response);
    expect(response.status).toBe(401);
    const { problems } = harness.validator.checkResponse("listRegions", response.status, response.headers.get("content-type"), body);
    expect(problems).toEqual([]);
    expect(body).toMatchObject({ detail: "No token" });
  });

  it("the client turns that 401 shape into UnauthorizedError with the console's message", async () => {
    // the mock accepts any key, so replay its documented 401 through the client's pipeline
    const unauthorized = await fetch(`${harness.mock.url}/openapi/v1/regions`);
    const text = await unauthorized.text();
    const api = createRainbondClient({
      baseUrl: harness.mock.url,
      accessKey: ACCESS_KEY,
      fetch: async () => new Response(text, { status: 401, headers: { "content-type": "application/json" } }),
    });
    const err = await api.listRegions().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect((err as Error).message).toBe("GET /openapi/v1/regions → 401 Unauthorized: No token");
  });
});

afterAll(() => {
  const every = harness.validator.operations.map((op) => op.operationId).sort();
  expect([...harness.called].sort(), "every operation of the spec is called through the client").toEqual(every);
});
