import { describe, expect, it } from "vitest";
import { paginate, paginatePages, PaginationError, type Page, type PaginationMeta } from "../../src/runtime/index.js";

interface Region {
  name: string;
}

const meta = (current: number, total: number): PaginationMeta => ({
  prev_page: current > 1 ? current - 1 : null,
  current_page: current,
  next_page: current < total ? current + 1 : null,
  total_pages: total,
  total_count: total * 2,
});

function pages(total: number) {
  const requested: number[] = [];
  const fetchPage = async (page: number): Promise<Page<Region>> => {
    requested.push(page);
    return { items: [{ name: `r${page}a` }, { name: `r${page}b` }], meta: { pagination: meta(page, total) } };
  };
  return { fetchPage, requested };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("paginate", () => {
  it("yields items across 3 pages and stops when next_page is null", async () => {
    const { fetchPage, requested } = pages(3);
    const names = (await collect(paginate(fetchPage))).map((r) => r.name);
    expect(names).toEqual(["r1a", "r1b", "r2a", "r2b", "r3a", "r3b"]);
    expect(requested).toEqual([1, 2, 3]);
  });

  it("is lazy: breaking early stops fetching", async () => {
    const { fetchPage, requested } = pages(3);
    for await (const r of paginate(fetchPage)) {
      if (r.name === "r1b") break;
    }
    expect(requested).toEqual([1]);
  });

  it("maxPages guard throws instead of silently truncating", async () => {
    const { fetchPage, requested } = pages(10);
    const seen: string[] = [];
    const err = await (async () => {
      for await (const r of paginate(fetchPage, { maxPages: 2 })) seen.push(r.name);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaginationError);
    expect((err as Error).message).toBe("Pagination stopped after 2 pages (maxPages); next page would be 3");
    expect(requested).toEqual([1, 2]);
    expect(seen).toHaveLength(4);
  });

  it("exactly maxPages pages is fine", async () => {
    const { fetchPage } = pages(3);
    expect(await collect(paginate(fetchPage, { maxPages: 3 }))).toHaveLength(6);
  });

  it("refuses a server that pages backwards (loop)", async () => {
    const fetchPage = async (page: number): Promise<Page<Region>> => ({ items: [], meta: { pagination: { ...meta(page, 5), next_page: 1 } } });
    await expect(collect(paginate(fetchPage, { startPage: 2 }))).rejects.toThrow(PaginationError);
  });

  it("missing meta means a single page; bare pagination objects are accepted", async () => {
    expect(await collect(paginate(async () => ({ items: [1, 2] })))).toEqual([1, 2]);
    const bare = async (page: number): Promise<Page<number>> => ({ items: [page], meta: meta(page, 2) });
    expect(await collect(paginate(bare))).toEqual([1, 2]);
  });

  it("paginatePages yields pages with their meta; startPage honoured", async () => {
    const { fetchPage, requested } = pages(4);
    const got = await collect(paginatePages(fetchPage, { startPage: 3 }));
    expect(got.map((p) => (p.meta as { pagination: PaginationMeta }).pagination.current_page)).toEqual([3, 4]);
    expect(requested).toEqual([3, 4]);
  });

  it("an aborted signal stops between pages", async () => {
    const { fetchPage, requested } = pages(3);
    const controller = new AbortController();
    const err = await (async () => {
      for await (const _ of paginate(fetchPage, { signal: controller.signal })) controller.abort();
    })().catch((e: unknown) => e);
    expect((err as Error).name).toBe("AbortError");
    expect(requested).toEqual([1]);
  });
});
