import { describe, expect, it } from "vitest";
import {
  ApiError,
  BadRequestError,
  createFetch,
  errorFromResponse,
  ForbiddenError,
  HttpError,
  NotFoundError,
  RateLimitError,
  ServerError,
  UnauthorizedError,
  UnprocessableEntityError,
  InvalidResponseError,
  parseRetryAfter,
  type ErrorMessageExtractor,
} from "../../src/runtime/index.js";
import { BASE, empty, json, recordingFetch, text } from "./helpers.js";

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

function fromJson(status: number, body: unknown, headers: Record<string, string> = {}, method = "GET", url = `${BASE}/v1/regions?token=abc`) {
  return errorFromResponse(
    {
      method,
      url,
      status,
      headers: new Headers({ "content-type": "application/json", ...headers }),
      bodyText: typeof body === "string" ? body : JSON.stringify(body),
    },
    { now: NOW },
  );
}

describe("errorFromResponse: status → class", () => {
  it.each([
    [400, BadRequestError, "Bad Request"],
    [401, UnauthorizedError, "Unauthorized"],
    [403, ForbiddenError, "Forbidden"],
    [404, NotFoundError, "Not Found"],
    [422, UnprocessableEntityError, "Unprocessable Entity"],
    [429, RateLimitError, "Too Many Requests"],
    [500, ServerError, "Internal Server Error"],
    [502, ServerError, "Bad Gateway"],
    [503, ServerError, "Service Unavailable"],
    [504, ServerError, "Gateway Timeout"],
  ] as const)("%i → %o", (status, cls, reason) => {
    const err = fromJson(status, { error: "boom" });
    expect(err).toBeInstanceOf(cls);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(Error);
    expect(err.status).toBe(status);
    expect(err.name).toBe(cls.name);
    expect(err.message).toBe(`GET /v1/regions → ${status} ${reason}: boom`);
  });

  it("other statuses are plain HttpErrors", () => {
    const err = fromJson(409, { error: "already exists" });
    expect(err.constructor).toBe(HttpError);
    expect(err.message).toBe("GET /v1/regions → 409 Conflict: already exists");
  });

  it("keeps method, pathname without query, request id, parsed body", () => {
    const err = fromJson(404, { error: "token not found" }, { "x-request-id": "req-42" }, "delete");
    expect(err.method).toBe("DELETE");
    expect(err.path).toBe("/v1/regions");
    expect(err.requestId).toBe("req-42");
    expect(err.body).toEqual({ error: "token not found" });
    expect(err.message).toBe("DELETE /v1/regions → 404 Not Found: token not found");
    expect(err.stack?.split("\n")[0]).toBe("NotFoundError: DELETE /v1/regions → 404 Not Found: token not found");
  });

  it("falls back to x-openstack-request-id", () => {
    expect(fromJson(500, {}, { "x-openstack-request-id": "req-os-1" }).requestId).toBe("req-os-1");
  });
});

describe("errorFromResponse: parsed fields", () => {
  it("UnprocessableEntityError.fieldErrors", () => {
    const err = fromJson(422, { errors: { name: ["can't be blank", "is too short"], region: "is invalid" } });
    expect(err).toBeInstanceOf(UnprocessableEntityError);
    expect((err as UnprocessableEntityError).fieldErrors).toEqual({
      name: ["can't be blank", "is too short"],
      region: ["is invalid"],
    });
    expect((fromJson(422, { error: "nope" }) as UnprocessableEntityError).fieldErrors).toEqual({});
  });

  it("RateLimitError.retryAfterMs from seconds and from an HTTP-date", () => {
    expect((fromJson(429, {}, { "retry-after": "7" }) as RateLimitError).retryAfterMs).toBe(7000);
    const date = new Date(NOW + 12_000).toUTCString();
    expect((fromJson(429, {}, { "retry-after": date }) as RateLimitError).retryAfterMs).toBe(12_000);
    expect((fromJson(429, {}) as RateLimitError).retryAfterMs).toBeUndefined();
    expect((fromJson(429, {}, { "retry-after": "soon" }) as RateLimitError).retryAfterMs).toBeUndefined();
  });

  it("code from the body's code; a platform's errorCode and errorClass hooks win", () => {
    expect(fromJson(400, { code: 20400, msg: "bad" }).code).toBe("20400");
    const hooked = errorFromResponse(
      { method: "GET", url: `${BASE}/x`, status: 409, bodyText: JSON.stringify({ reason: "E42" }) },
      {
        errorCode: (body) => (body as { reason: string }).reason,
        errorClass: ({ message, fields }) => (fields.status === 409 ? new BadRequestError(message, { ...fields, status: 400 }) : undefined),
      },
    );
    expect(hooked.code).toBe("E42");
    expect(hooked).toBeInstanceOf(BadRequestError);
  });
});

describe("message extraction", () => {
  it.each([
    ["generic message", { message: "upstream unavailable" }, "upstream unavailable"],
    ["problem+json", { title: "Bad input", detail: "limit must be ≤ 100" }, "Bad input: limit must be ≤ 100"],
    ["error string", { error: "invalid credentials" }, "invalid credentials"],
  ])("%s", (_, body, expected) => {
    expect(fromJson(400, body).message).toBe(`GET /v1/regions → 400 Bad Request: ${expected}`);
  });

  it("a custom extractor wins, default is the fallback", () => {
    const custom: ErrorMessageExtractor = (body) =>
      typeof body === "object" && body !== null && "reason" in body ? `custom: ${String((body as { reason: unknown }).reason)}` : undefined;
    const make = (body: unknown) =>
      errorFromResponse({ method: "GET", url: `${BASE}/x`, status: 400, bodyText: JSON.stringify(body) }, { errorMessage: custom });
    expect(make({ reason: "quota" }).message).toBe("GET /x → 400 Bad Request: custom: quota");
    expect(make({ error: "plain" }).message).toBe("GET /x → 400 Bad Request: plain");
  });

  it("a throwing extractor does not break error creation", () => {
    const err = errorFromResponse(
      { method: "GET", url: `${BASE}/x`, status: 500, bodyText: "{}" },
      {
        errorMessage: () => {
          throw new Error("bug");
        },
      },
    );
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toBe("GET /x → 500 Internal Server Error");
  });
});

describe("empty and non-JSON error bodies", () => {
  it("empty body: message is method, path, status", () => {
    const err = errorFromResponse({ method: "GET", url: `${BASE}/v1/regions`, status: 503, bodyText: "" });
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toBe("GET /v1/regions → 503 Service Unavailable");
    expect(err.body).toBe("");
  });

  it("plain text body: first line becomes the detail", () => {
    const err = errorFromResponse({ method: "GET", url: `${BASE}/v1/regions`, status: 502, bodyText: "upstream connect error\nmore" });
    expect(err.message).toBe("GET /v1/regions → 502 Bad Gateway: upstream connect error");
    expect(err.body).toBe("upstream connect error\nmore");
  });

  it("HTML body: no detail in the message, text kept on body", () => {
    const html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    const err = errorFromResponse({ method: "GET", url: `${BASE}/v1/regions`, status: 502, bodyText: html });
    expect(err.message).toBe("GET /v1/regions → 502 Bad Gateway");
    expect(err.body).toBe(html);
  });

  it("long details are truncated", () => {
    const err = errorFromResponse({ method: "GET", url: `${BASE}/x`, status: 400, bodyText: JSON.stringify({ error: "x".repeat(1000) }) });
    expect(err.message.length).toBeLessThan(340);
    expect(err.message.endsWith("…")).toBe(true);
  });

  it("server statusText is preferred over the standard phrase", () => {
    const err = errorFromResponse({ method: "GET", url: `${BASE}/x`, status: 404, statusText: "Nope", bodyText: "" });
    expect(err.message).toBe("GET /x → 404 Nope");
  });

  it("through the pipeline: empty 500 without content-length, text 404", async () => {
    const { fetch } = recordingFetch([() => empty(500), () => text(404, "no such region")]);
    const pipeline = createFetch({ fetch, retry: false });
    const e1 = await pipeline(new Request(`${BASE}/v1/regions`)).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(ServerError);
    expect((e1 as ServerError).message).toBe("GET /v1/regions → 500 Internal Server Error");
    const e2 = await pipeline(new Request(`${BASE}/v1/regions/x`)).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(NotFoundError);
    expect((e2 as NotFoundError).message).toBe("GET /v1/regions/x → 404 Not Found: no such region");
  });

  it("2xx claiming JSON with an invalid body → InvalidResponseError (not retried)", async () => {
    const { fetch, calls } = recordingFetch(() => new Response("<html>captive portal</html>", { status: 200, headers: { "content-type": "application/json" } }));
    const pipeline = createFetch({ fetch });
    const err = await pipeline(new Request(`${BASE}/v1/regions`)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as InvalidResponseError).status).toBe(200);
    expect((err as InvalidResponseError).message).toBe("GET /v1/regions → 200 OK: response body is not valid JSON (application/json)");
    expect(calls).toHaveLength(1);
  });

  it("2xx JSON is passed through intact (re-readable body, same status and headers)", async () => {
    const { fetch } = recordingFetch(() => json(201, { id: "r1" }, { "x-subject-token": "ignored-here" }));
    const res = await createFetch({ fetch })(new Request(`${BASE}/v1/regions`, { method: "POST", body: "{}" }));
    expect(res.status).toBe(201);
    expect(res.headers.get("x-subject-token")).toBe("ignored-here");
    expect(await res.json()).toEqual({ id: "r1" });
  });
});

describe("parseRetryAfter", () => {
  it("seconds, decimals, dates in the past, garbage", () => {
    expect(parseRetryAfter("0", NOW)).toBe(0);
    expect(parseRetryAfter("1.5", NOW)).toBe(1500);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter("-3", NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});
