import { describe, expect, expectTypeOf, it } from "vitest";
import { PaginationError, type ScalingoPaginatedPath } from "../../src/scalingo.js";
import type { components } from "../../src/generated/scalingo.js";
import { fakeScalingo, json } from "./fake.js";

type ScmOrganization = components["schemas"]["ScmOrganization"];
const ORGS = "/v1/scm_integrations/{id}/orgs";
const INTEGRATION = "5bb2e877-9e5c-a83f-8e0e-7c75eebf212c";
const ROUTE = `GET /v1/scm_integrations/${INTEGRATION}/orgs`;

function pagedOrgs(total: number, perPageDefault = 2) {
  return (request: Request) => {
    const url = new URL(request.url);
    const page = Number(url.searchParams.get("page") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? perPageDefault);
    const pages = Math.max(1, Math.ceil(total / perPage));
    const organizations = Array.from({ length: total }, (_, i) => ({ id: i + 1, login: `o${i + 1}` })).slice((page - 1) * perPage, page * perPage);
    return json(200, {
      organizations,
      meta: { pagination: { prev_page: page > 1 ? page - 1 : null, current_page: page, next_page: page < pages ? page + 1 : null, total_pages: pages, total_count: total } },
    });
  };
}

describe("Scalingo pagination", () => {
  it("typed: only paginated lists, items typed from the generated paths", () => {
    expectTypeOf<ScalingoPaginatedPath>().toEqualTypeOf<typeof ORGS>();
    const client = fakeScalingo().client();
    expectTypeOf(client.paginate(ORGS, { path: { id: INTEGRATION } })).toEqualTypeOf<AsyncGenerator<ScmOrganization, void, undefined>>();
    // @ts-expect-error tokens are not paginated
    void client.paginate("/v1/tokens");
  });

  it("iterates every page with per_page and the path parameters, sending page=1..n", async () => {
    const s = fakeScalingo();
    s.on(ROUTE, pagedOrgs(5));
    const logins: string[] = [];
    for await (const org of s.client().paginate(ORGS, { path: { id: INTEGRATION }, per_page: 2 })) logins.push(org.login);
    expect(logins).toEqual(["o1", "o2", "o3", "o4", "o5"]);
    const queries = s.callsTo(ROUTE).map((c) => new URL(c.url).search);
    expect(queries).toEqual(["?per_page=2&page=1", "?per_page=2&page=2", "?per_page=2&page=3"]);
    expect(s.callsTo(ROUTE).every((c) => c.headers.authorization === `Bearer ${s.bearers[0]}`)).toBe(true);
  });

  it("paginatePages yields pages with their meta; startPage and maxPages apply", async () => {
    const s = fakeScalingo();
    s.on(ROUTE, pagedOrgs(5));
    const client = s.client();
    const metas = [];
    for await (const page of client.paginatePages(ORGS, { path: { id: INTEGRATION }, per_page: 2, startPage: 2 })) metas.push(page.meta?.pagination?.current_page);
    expect(metas).toEqual([2, 3]);
    const consume = async () => {
      for await (const _ of client.paginate(ORGS, { path: { id: INTEGRATION }, per_page: 1, maxPages: 2 })) void _;
    };
    await expect(consume()).rejects.toBeInstanceOf(PaginationError);
  });

  it("a list without meta is a single page", async () => {
    const s = fakeScalingo();
    s.on(ROUTE, () => json(200, { organizations: [{ id: 1, login: "o1" }, { id: 2, login: "o2" }] }));
    const ids: number[] = [];
    for await (const org of s.client().paginate(ORGS, { path: { id: INTEGRATION } })) ids.push(org.id);
    expect(ids).toEqual([1, 2]);
    expect(s.count(ROUTE)).toBe(1);
  });

  it("stops on the caller's signal between pages", async () => {
    const s = fakeScalingo();
    s.on(ROUTE, pagedOrgs(6));
    const controller = new AbortController();
    const seen: string[] = [];
    const run = async () => {
      for await (const o of s.client().paginate(ORGS, { path: { id: INTEGRATION }, per_page: 2, signal: controller.signal })) {
        seen.push(o.login);
        if (seen.length === 2) controller.abort(new Error("enough"));
      }
    };
    await expect(run()).rejects.toThrow("enough");
    expect(seen).toEqual(["o1", "o2"]);
  });

  it("a page that is not a list is an InvalidResponseError", async () => {
    const s = fakeScalingo();
    s.on(ROUTE, () => json(200, { organization: {} }));
    const consume = async () => {
      for await (const _ of s.client().paginate(ORGS, { path: { id: INTEGRATION } })) void _;
    };
    await expect(consume()).rejects.toMatchObject({ name: "InvalidResponseError", method: "GET" });
  });

  it("stops an endless listing after the default 1 000 pages", async () => {
    const s = fakeScalingo();
    s.on(ROUTE, (request) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      return json(200, { organizations: [{ id: page, login: `o${page}` }], meta: { pagination: { prev_page: page - 1 || null, current_page: page, next_page: page + 1, total_pages: page + 1, total_count: page + 1 } } });
    });
    let count = 0;
    const err = await (async () => {
      for await (const _ of s.client().paginate(ORGS, { path: { id: INTEGRATION } })) count++;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaginationError);
    expect((err as Error).message).toBe("Pagination stopped after 1000 pages (maxPages); next page would be 1001");
    expect(count).toBe(1_000);
    expect(s.count(ROUTE)).toBe(1_000);
  }, 60_000); // 1 000 calls through the whole pipeline: well under a second when the machine is idle

  it("reads next_page from a bare pagination object too", async () => {
    const s = fakeScalingo();
    s.on(ROUTE, (request) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      return json(200, { organizations: [{ id: page, login: `o${page}` }], meta: { current_page: page, next_page: page < 2 ? page + 1 : null } });
    });
    const logins: string[] = [];
    for await (const org of s.client().paginate(ORGS, { path: { id: INTEGRATION } })) logins.push(org.login);
    expect(logins).toEqual(["o1", "o2"]);
  });
});
