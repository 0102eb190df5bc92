/**
 * Protects what Scalingo's error bodies turn into: its message shapes, its own classes (the
 * "OTP Required" challenge, 402 with the billing `url`, 404 with the `resource`), the shape of
 * its API tokens scrubbed even when unregistered, and no re-exchange for an OTP challenge.
 * (Moved from the runtime's tests when these rules left the runtime.)
 */
import { describe, expect, it } from "vitest";
import { ApiError, errorFromResponse, HttpError, NotFoundError as HttpNotFoundError, SecretRegistry, UnauthorizedError, UnprocessableEntityError } from "../../src/runtime/index.js";
import { NotFoundError, OtpRequiredError, PaymentRequiredError } from "../../src/scalingo.js";
import { API_TOKEN_PATTERN, scalingoApiErrorMessage, scalingoErrorClass } from "../../src/scalingo/errors.js";
import { BASE } from "../runtime/helpers.js";
import { fakeScalingo, json } from "./fake.js";

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

function fromJson(status: number, body: unknown, method = "GET", url = `${BASE}/v1/regions?token=abc`, secrets?: SecretRegistry) {
  return errorFromResponse(
    { method, url, status, headers: new Headers({ "content-type": "application/json" }), bodyText: JSON.stringify(body) },
    { now: NOW, errorMessage: scalingoApiErrorMessage, errorClass: scalingoErrorClass, secrets },
  );
}

describe("Scalingo's error classes", () => {
  it("402 → PaymentRequiredError with the billing url", () => {
    const err = fromJson(402, { error: "free trial ended", url: "https://dashboard.scalingo.com/billing" });
    expect(err).toBeInstanceOf(PaymentRequiredError);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(402);
    expect(err.name).toBe("PaymentRequiredError");
    expect(err.message).toBe("GET /v1/regions → 402 Payment Required: free trial ended");
    expect((err as PaymentRequiredError).url).toBe("https://dashboard.scalingo.com/billing");
  });

  it("404 → NotFoundError.resource (an instance of the runtime's NotFoundError too)", () => {
    const err = fromJson(404, { resource: "app", error: "not found" });
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toBeInstanceOf(HttpNotFoundError);
    expect(err.name).toBe("NotFoundError");
    expect((err as NotFoundError).resource).toBe("app");
    expect((fromJson(404, { error: "x" }) as NotFoundError).resource).toBeUndefined();
  });

  it("401 OTP Required → OtpRequiredError (an UnauthorizedError)", () => {
    const err = fromJson(401, { error: "OTP Required" }, "POST", `${BASE}/v1/tokens/exchange`);
    expect(err).toBeInstanceOf(OtpRequiredError);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err.name).toBe("OtpRequiredError");
    expect(err.message).toBe("POST /v1/tokens/exchange → 401 Unauthorized: OTP Required");
    expect(fromJson(401, { error: "invalid token" })).not.toBeInstanceOf(OtpRequiredError);
  });

  it("the resource is redacted like the rest of the body", () => {
    const secret = "tk-us-CANARYa1b2c3d4e5f6g7h8i9j0klmnopqrstuv";
    const err = fromJson(404, { resource: secret }, "GET", `${BASE}/x`, new SecretRegistry().add(secret)) as NotFoundError;
    expect(err.resource).toBe("[REDACTED]");
  });
});

describe("Scalingo's messages", () => {
  it.each([
    ["error", { error: "invalid credentials" }, "invalid credentials"],
    ["field errors", { errors: { name: ["can't be blank"] } }, "name can't be blank"],
    ["error and field errors", { error: "invalid", errors: { name: ["can't be blank"] } }, "invalid (name can't be blank)"],
    ["error list", { errors: ["first", "second"] }, "first; second"],
    ["generic fallback", { message: "upstream unavailable" }, "upstream unavailable"],
  ])("%s", (_, body, expected) => {
    expect(fromJson(400, body).message).toBe(`GET /v1/regions → 400 Bad Request: ${expected}`);
  });

  it("a 422 lists its field errors", () => {
    const err = fromJson(422, { errors: { name: ["can't be blank", "is too short"], region: "is invalid" } });
    expect(err).toBeInstanceOf(UnprocessableEntityError);
    expect(err.message).toBe("GET /v1/regions → 422 Unprocessable Entity: name can't be blank, is too short; region is invalid");
  });

  it("API tokens are scrubbed by shape, registered or not", () => {
    const registry = new SecretRegistry().addPattern(API_TOKEN_PATTERN);
    expect(registry.redact("leaked tk-us-0123456789abcdef and tk-eu-abcdefghij")).toBe("leaked [REDACTED] and [REDACTED]");
    expect(registry.redact("tk-us-short")).toBe("tk-us-short");
  });
});

describe("the client with these rules", () => {
  it("an unregistered API token in an error body never reaches the message", async () => {
    const s = fakeScalingo();
    s.on("GET /v1/users/self", () => json(400, { error: "bad token tk-us-SOMEOTHERtoken0123456789" }));
    const err = (await s.client().GET("/v1/users/self").catch((e: unknown) => e)) as ApiError;
    expect(err.message).toBe("GET /v1/users/self → 400 Bad Request: bad token [REDACTED]");
  });

  it("an OTP Required 401 on a bearer call is not re-exchanged nor replayed", async () => {
    const s = fakeScalingo();
    s.on("GET /v1/users/self", () => json(401, { error: "OTP Required" }));
    const err = await s.client().GET("/v1/users/self").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OtpRequiredError);
    expect(s.count("GET /v1/users/self")).toBe(1);
    expect(s.count("POST /v1/tokens/exchange")).toBe(1);
  });

  it("a plain 401 on a bearer call is re-exchanged and replayed once", async () => {
    const s = fakeScalingo();
    s.on("GET /v1/users/self", (_, n) => (n === 1 ? json(401, { error: "expired" }) : json(200, { user: { id: "us-1" } })));
    await s.client().GET("/v1/users/self");
    expect(s.count("GET /v1/users/self")).toBe(2);
    expect(s.count("POST /v1/tokens/exchange")).toBe(2);
  });
});
