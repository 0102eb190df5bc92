/**
 * Holds the Rainbond client and the Prism mock to the spec: every operation is called through
 * `createRainbondClient` (raw key in `Authorization`), and each answer must carry the documented
 * status and a body that validates against the documented schema. Requests that break the spec
 * must be refused with the console's loose error object, and the client must turn that object
 * into a typed error with a readable message.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  ApiError,
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

  it("createRegion accepts what clients send beyond the stored form: region_id (ignored) and an integer status", async () => {
    const { api } = client();
    const { data, response } = await api.POST("/openapi/v1/regions", { body: { ...NEW_REGION, region_id: "", status: 1 } });
    harness.expectConforms("createRegion", response, data);
    expect(response.status).toBe(201);
  });

  it("createRegion documents 404 (unknown enterprise) and 500 with a null body", async () => {
    for (const [prefer, status] of [["code=404", 404], ["code=500, example=nullBody", 500]] as const) {
      const response = await fetch(`${harness.mock.url}/openapi/v1/regions`, {
        method: "POST",
        headers: { authorization: ACCESS_KEY, "content-type": "application/json", prefer },
        body: JSON.stringify(NEW_REGION),
      });
      expect(response.status).toBe(status);
      const body = await readBody(response);
      if (status === 500) expect(body).toBeNull();
      const { problems } = harness.validator.checkResponse("createRegion", response.status, response.headers.get("content-type"), body);
      expect(problems).toEqual([]);
    }
  });

  it("listRegions documents the 400 of a stored cluster that breaks the list model, and 404 for a missing enterprise", async () => {
    for (const status of [400, 404]) {
      const response = await fetch(`${harness.mock.url}/openapi/v1/regions`, { headers: { authorization: ACCESS_KEY, prefer: `code=${status}` } });
      expect(response.status).toBe(status);
      const body = await readBody(response);
      const { problems } = harness.validator.checkResponse("listRegions", response.status, response.headers.get("content-type"), body);
      expect(problems).toEqual([]);
    }
    // err as a list of per-item objects still reads as field messages through the client
    const err = await client().api.GET("/openapi/v1/regions", { headers: { Prefer: "code=400" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as Error).message).toBe("GET /openapi/v1/regions → 400 Bad Request: 参数错误 (region_alias: Ensure this field has no more than 32 characters.)");
    expect(rainbondErrorBody(err)?.err).toEqual([{ region_alias: ["Ensure this field has no more than 32 characters."] }]);
  });

  it("v1 PUT and DELETE on a region answer 405 in the console's shape (updateRegion, deleteRegion)", async () => {
    const { api, exchanges } = client();
    const put = await api
      .PUT("/openapi/v1/regions/{region_id}", { params: { path: { region_id: "test" } }, headers: { Prefer: "code=405" } })
      .catch((e: unknown) => e);
    const del = await api
      .DELETE("/openapi/v1/regions/{region_id}", {
        params: { path: { region_id: "test" } },
        headers: { Prefer: "code=405, example=deleteNotAllowed" },
      })
      .catch((e: unknown) => e);
    for (const [err, exchange, operationId, method] of [
      [put, exchanges[0], "updateRegion", "PUT"],
      [del, exchanges[1], "deleteRegion", "DELETE"],
    ] as const) {
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(405);
      const body = await readBody(exchange!.response);
      harness.expectConforms(operationId, exchange!.response, body);
      expect(body).toMatchObject({ code: 405, error_type: "MethodNotAllowed", detail: `Method "${method}" not allowed.` });
    }
  });
});

describe("Rainbond console v2 management API: the console's management token, every operation", () => {
  const MANAGE_TOKEN = "rainbond-manage-token-0123456789abcdef";
  const REGION_ID = "febc993cefe84d158b3ac245d7aa0943";
  const UPDATE = {
    region_alias: "上海边缘集群",
    url: "https://10.10.20.16:8443",
    wsurl: "wss://10.10.20.16:6060",
    httpdomain: "edge-sh.grapps.cn",
    tcpdomain: "10.10.20.16",
    status: "3",
  } as const;

  it("listManagedRegions pages with query/current/pageSize and answers {total, data}", async () => {
    const { api, exchanges } = client(MANAGE_TOKEN);
    const { data, response } = await api.GET("/openapi/v2/manage/regions", { params: { query: { query: "test", current: 2, pageSize: 10 } } });
    harness.expectConforms("listManagedRegions", response, data);
    expect(data.total).toBeGreaterThanOrEqual(data.data.length);
    expect(data.data[0]).toMatchObject({ region_id: REGION_ID, region_name: "test" });
    const sent = exchanges[0]!.request;
    expect(new URL(sent.url).search).toBe("?query=test&current=2&pageSize=10");
    expect(sent.headers.get("authorization")).toBe(MANAGE_TOKEN);
  });

  it("createManagedRegion, getManagedRegion, updateManagedRegion and deleteManagedRegion answer the stored record", async () => {
    const { api } = client(MANAGE_TOKEN);
    const created = await api.POST("/openapi/v2/manage/regions", { body: { ...NEW_REGION, status: 0 } });
    harness.expectConforms("createManagedRegion", created.response, created.data);
    expect(created.response.status).toBe(201);
    const path = { params: { path: { region_id: REGION_ID } } };
    const shown = await api.GET("/openapi/v2/manage/regions/{region_id}", path);
    harness.expectConforms("getManagedRegion", shown.response, shown.data);
    const updated = await api.PUT("/openapi/v2/manage/regions/{region_id}", { ...path, body: UPDATE });
    harness.expectConforms("updateManagedRegion", updated.response, updated.data);
    expect(updated.data.status).toBe("3");
    const removed = await api.DELETE("/openapi/v2/manage/regions/{region_id}", path);
    harness.expectConforms("deleteManagedRegion", removed.response, removed.data);
    expect(removed.response.status).toBe(200);
    expect(removed.data.region_id).toBe(REGION_ID);
  });

  it("an update without the required state, or with an address without a scheme, is refused with 400 {msg}", async () => {
    const { status: _status, ...withoutStatus } = UPDATE;
    for (const body of [withoutStatus, { ...UPDATE, url: "10.10.20.16:8443" }]) {
      const { api, exchanges } = client(MANAGE_TOKEN);
      const err = await api
        .PUT("/openapi/v2/manage/regions/{region_id}", { params: { path: { region_id: REGION_ID } }, body: body as typeof UPDATE })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BadRequestError);
      const raw = await readBody(exchanges[0]!.response);
      conformsAsError("updateManagedRegion", exchanges[0], raw);
      expect(raw).toHaveProperty("msg");
    }
  });

  it("every v2 operation takes the management token and says when the console serves it", () => {
    const v2 = harness.validator.operations.filter((op) => op.path.startsWith("/openapi/v2/"));
    expect(v2.map((op) => op.operationId).sort()).toEqual([
      "createManagedRegion",
      "deleteManagedRegion",
      "getManagedRegion",
      "listManagedRegions",
      "updateManagedRegion",
    ]);
    for (const op of v2) {
      expect(op.operation["security"], op.operationId).toEqual([{ manageToken: [] }]);
      expect(String(op.operation["x-served-when"]), op.operationId).toMatch(/OPENAPI_V2=true/);
    }
  });
});

function conformsAsError(operationId: string, exchange: Exchange | undefined, body: unknown) {
  expect(exchange).toBeDefined();
  const { problems } = harness.validator.checkResponse(operationId, exchange!.response.status, exchange!.response.headers.get("content-type"), body);
  expect(problems).toEqual([]);
}

describe("Rainbond console OpenAPI: requests that break the spec are refused in the console's error shape", () => {
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

  it("the console's own limits are enforced: an address without a scheme, certificate material over 65535 characters", async () => {
    const refused: RainbondNewRegion[] = [
      { ...NEW_REGION, url: "10.10.20.15:8443" },
      { ...NEW_REGION, wsurl: "tcp://10.10.20.15:6060" },
      { ...NEW_REGION, url: `https://${"a".repeat(250)}.cn` },
      { ...NEW_REGION, ssl_ca_cert: "A".repeat(65536) },
      { ...NEW_REGION, tcpdomain: "edge-sh.grapps.cn" },
    ];
    for (const region of refused) {
      const { api, exchanges } = client();
      expect(await api.createRegion(region).catch((e: unknown) => e)).toBeInstanceOf(BadRequestError);
      conformsAsError("createRegion", exchanges[0], await readBody(exchanges[0]!.response));
    }
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
