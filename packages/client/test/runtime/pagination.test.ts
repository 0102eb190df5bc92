import { describe, expect, it } from "vitest";
/** Protects the runtime's page walk: lazy, bounded by maxPages, refusing loops, abortable. Envelopes are each platform's (see scalingo/pagination.test.ts). */
import { DEFAULT_MAX_PAGES, paginate, paginatePages, PaginationError, type Page } from "../../src/runtime/index.js";

interface Region {
  name: string;
}

interface NumberedPage extends Page<Region> {
  current: number;
}

const next = (current: number, total: number): number | null => (current < total ? current + 1 : null);

function pages(total: number) {
  const requested: number[] = [];
  const fetchPage = async (page: number): Promise<NumberedPage> => {
    requested.push(page);
    return { items: [{ name: `r${page}a` }, { name: `r${page}b` }], next: next(page, total), current: page };
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
    const fetchPage = async (_page: number): Promise<Page<Region>> => ({ items: [], next: 1 });
    await expect(collect(paginate(fetchPage, { startPage: 2 }))).rejects.toThrow(PaginationError);
  });

  it("a page without next is the last one", async () => {
    expect(await collect(paginate(async () => ({ items: [1, 2] })))).toEqual([1, 2]);
    expect(await collect(paginate(async (page: number): Promise<Page<number>> => ({ items: [page], next: next(page, 2) })))).toEqual([1, 2]);
  });

  it("paginatePages yields pages with their own fields; startPage honoured", async () => {
    const { fetchPage, requested } = pages(4);
    const got = await collect(paginatePages(fetchPage, { startPage: 3 }));
    expect(got.map((p) => p.current)).toEqual([3, 4]);
    expect(requested).toEqual([3, 4]);
  });

  it("stops at 1 000 pages by default (the documented maxPages)", async () => {
    expect(DEFAULT_MAX_PAGES).toBe(1_000);
    const endless = async (page: number): Promise<Page<number>> => ({ items: [page], next: page + 1 });
    let count = 0;
    const err = await (async () => {
      for await (const _ of paginate(endless)) count++;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaginationError);
    expect((err as Error).message).toBe("Pagination stopped after 1000 pages (maxPages); next page would be 1001");
    expect(count).toBe(1_000);
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
