import { describe, expect, expectTypeOf, it } from "vitest";
import { PaginationError, type ScalingoKey, type ScalingoPaginatedPath, type ScalingoToken } from "../../src/scalingo.js";
import { fakeScalingo, json, TOKEN } from "./fake.js";

function pagedTokens(total: number, perPageDefault = 2) {
  return (request: Request) => {
    const url = new URL(request.url);
    const page = Number(url.searchParams.get("page") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? perPageDefault);
    const pages = Math.max(1, Math.ceil(total / perPage));
    const tokens = Array.from({ length: total }, (_, i) => ({ ...TOKEN, name: `t${i + 1}` })).slice((page - 1) * perPage, page * perPage);
    return json(200, {
      tokens,
      meta: { pagination: { prev_page: page > 1 ? page - 1 : null, current_page: page, next_page: page < pages ? page + 1 : null, total_pages: pages, total_count: total } },
    });
  };
}

describe("Scalingo pagination", () => {
  it("typed: only paginated lists, items typed from the generated paths", () => {
    expectTypeOf<ScalingoPaginatedPath>().toEqualTypeOf<"/v1/tokens" | "/v1/keys">();
    const client = fakeScalingo().client();
    expectTypeOf(client.paginate("/v1/tokens")).toEqualTypeOf<AsyncGenerator<ScalingoToken, void, undefined>>();
    expectTypeOf(client.paginate("/v1/keys")).toEqualTypeOf<AsyncGenerator<ScalingoKey, void, undefined>>();
    // @ts-expect-error regions are not paginated
    void client.paginate("/v1/regions");
  });

  it("iterates every page with per_page, sending page=1..n", async () => {
    const s = fakeScalingo();
    s.on("GET /v1/tokens", pagedTokens(5));
    const names: string[] = [];
    for await (const token of s.client().paginate("/v1/tokens", { per_page: 2 })) names.push(token.name);
    expect(names).toEqual(["t1", "t2", "t3", "t4", "t5"]);
    const queries = s.callsTo("GET /v1/tokens").map((c) => new URL(c.url).search);
    expect(queries).toEqual(["?per_page=2&page=1", "?per_page=2&page=2", "?per_page=2&page=3"]);
    expect(s.callsTo("GET /v1/tokens").every((c) => c.headers.authorization === `Bearer ${s.bearers[0]}`)).toBe(true);
  });

  it("paginatePages yields pages with their meta; startPage and maxPages apply", async () => {
    const s = fakeScalingo();
    s.on("GET /v1/tokens", pagedTokens(5));
    const client = s.client();
    const metas = [];
    for await (const page of client.paginatePages("/v1/tokens", { per_page: 2, startPage: 2 })) metas.push(page.meta?.pagination?.current_page);
    expect(metas).toEqual([2, 3]);
    const consume = async () => {
      for await (const _ of client.paginate("/v1/tokens", { per_page: 1, maxPages: 2 })) void _;
    };
    await expect(consume()).rejects.toBeInstanceOf(PaginationError);
  });

  it("a list without meta is a single page; keys work the same way", async () => {
    const s = fakeScalingo();
    s.on("GET /v1/keys", () => json(200, { keys: [{ id: "k1" }, { id: "k2" }] }));
    const ids: string[] = [];
    for await (const key of s.client().paginate("/v1/keys")) ids.push(key.id);
    expect(ids).toEqual(["k1", "k2"]);
    expect(s.count("GET /v1/keys")).toBe(1);
  });

  it("stops on the caller's signal between pages", async () => {
    const s = fakeScalingo();
    s.on("GET /v1/tokens", pagedTokens(6));
    const controller = new AbortController();
    const seen: string[] = [];
    const run = async () => {
      for await (const t of s.client().paginate("/v1/tokens", { per_page: 2, signal: controller.signal })) {
        seen.push(t.name);
        if (seen.length === 2) controller.abort(new Error("enough"));
      }
    };
    await expect(run()).rejects.toThrow("enough");
    expect(seen).toEqual(["t1", "t2"]);
  });

  it("a page that is not a list is an InvalidResponseError", async () => {
    const s = fakeScalingo();
    s.on("GET /v1/tokens", () => json(200, { token: {} }));
    const consume = async () => {
      for await (const _ of s.client().paginate("/v1/tokens")) void _;
    };
    await expect(consume()).rejects.toMatchObject({ name: "InvalidResponseError", path: "/v1/tokens" });
  });

  it("stops an endless listing after the default 1 000 pages", async () => {
    const s = fakeScalingo();
    s.on("GET /v1/tokens", (request) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      return json(200, { tokens: [TOKEN], meta: { pagination: { prev_page: page - 1 || null, current_page: page, next_page: page + 1, total_pages: page + 1, total_count: page + 1 } } });
    });
    let count = 0;
    const err = await (async () => {
      for await (const _ of s.client().paginate("/v1/tokens")) count++;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaginationError);
    expect((err as Error).message).toBe("Pagination stopped after 1000 pages (maxPages); next page would be 1001");
    expect(count).toBe(1_000);
    expect(s.count("GET /v1/tokens")).toBe(1_000);
  }, 60_000); // 1 000 calls through the whole pipeline: well under a second when the machine is idle

  it("reads next_page from a bare pagination object too", async () => {
    const s = fakeScalingo();
    s.on("GET /v1/tokens", (request) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      return json(200, { tokens: [{ ...TOKEN, name: `t${page}` }], meta: { current_page: page, next_page: page < 2 ? page + 1 : null } });
    });
    const names: string[] = [];
    for await (const token of s.client().paginate("/v1/tokens")) names.push(token.name);
    expect(names).toEqual(["t1", "t2"]);
  });
});
