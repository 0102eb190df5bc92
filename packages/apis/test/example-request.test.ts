/** Protects the requests built from spec examples, which the mock tests, the start command and the docs rely on. */
import { describe, expect, it } from "vitest";
import { EXAMPLE_CREDENTIALS, exampleRequest, getApi, listOperations, loadBundledSpec } from "../src/index.js";

const spec = loadBundledSpec(getApi("scalingo"));
const op = (id: string) => listOperations(spec).find((candidate) => candidate.operationId === id)!;

describe("exampleRequest", () => {
  it("fills path parameters from their examples", () => {
    expect(exampleRequest(spec, op("renewToken")).path).toBe("/v1/tokens/e061a292-bab4-47fa-bb08-d7f7895ae5b6/renew");
  });

  it("uses the operation's own security: Basic for the exchange, bearer elsewhere, none where anonymous is allowed", () => {
    expect(exampleRequest(spec, op("exchangeToken")).headers["Authorization"]).toBe(EXAMPLE_CREDENTIALS.basic);
    expect(exampleRequest(spec, op("listKeys")).headers["Authorization"]).toBe(EXAMPLE_CREDENTIALS.bearer);
    expect(exampleRequest(spec, op("listRegions")).headers["Authorization"]).toBeUndefined();
  });

  it("sends the first request-body example with its media type", () => {
    const request = exampleRequest(spec, op("createToken"));
    expect(JSON.parse(request.body!)).toEqual({ token: { name: "Test Token" } });
    expect(request.headers["Content-Type"]).toBe("application/json");
  });

  it("lists every operation of the spec once", () => {
    const ids = listOperations(spec).map((operation) => operation.operationId);
    const methods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
    const declared = Object.values(spec.paths).flatMap((item) => Object.keys(item as object).filter((key) => methods.has(key)));
    expect(ids).toHaveLength(declared.length);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
