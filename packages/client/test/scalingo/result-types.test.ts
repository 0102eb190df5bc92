/**
 * Protects the shape of a call's result: since every non-2xx throws, a call resolves to
 * `{ data, response }` with `data` typed as the success body (no `data!`), and no `error`.
 * The `expectTypeOf` lines are checked by `tsc` (the package's typecheck covers the tests).
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { NotFoundError, type ScalingoRegion } from "../../src/scalingo.js";
import { fakeScalingo, json } from "./fake.js";

describe("what a call resolves to", () => {
  it("GET: the success body, typed and required, and the response", async () => {
    const result = await fakeScalingo().client().GET("/v1/regions");
    expectTypeOf(result.data.regions).toEqualTypeOf<ScalingoRegion[]>();
    expectTypeOf(result.response).toEqualTypeOf<Response>();
    expectTypeOf(result).not.toHaveProperty("error");
    expect(Object.keys(result).sort()).toEqual(["data", "response"]);
    expect(result.data.regions.length).toBeGreaterThan(0);
  });

  it("DELETE with 204: data is undefined by type and at run time", async () => {
    const s = fakeScalingo();
    s.on("DELETE /v1/keys/k1", () => new Response(null, { status: 204 }));
    const result = await s.client().DELETE("/v1/keys/{id}", { params: { path: { id: "k1" } } });
    expectTypeOf(result.data).toEqualTypeOf<undefined>();
    expect(result.data).toBeUndefined();
    expect(result.response.status).toBe(204);
  });

  it("a documented error never resolves: it rejects with its typed error", async () => {
    const s = fakeScalingo();
    s.on("GET /v1/keys/k2", () => json(404, { resource: "key", error: "not found" }));
    await expect(s.client().GET("/v1/keys/{id}", { params: { path: { id: "k2" } } })).rejects.toBeInstanceOf(NotFoundError);
  });
});
