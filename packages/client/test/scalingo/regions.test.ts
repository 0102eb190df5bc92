import { describe, expect, it } from "vitest";
import { RegionNotFoundError, selectRegion, ServerError } from "../../src/scalingo.js";
import { fakeScalingo, json, MIN, REGIONS } from "./fake.js";

const LIST = "GET /v1/regions";

describe("Scalingo regions", () => {
  it("lists regions with the bearer", async () => {
    const s = fakeScalingo();
    const regions = await s.client().listRegions();
    expect(regions.map((r) => r.name)).toEqual(["osc-fr1", "osc-secnum-fr1"]);
    expect(s.callsTo(LIST)[0]!.headers.authorization).toBe(`Bearer ${s.bearers[0]}`);
  });

  it("picks a region by name, else the configured one, else the default", async () => {
    const s = fakeScalingo();
    const client = s.client();
    expect((await client.getRegion("osc-secnum-fr1")).name).toBe("osc-secnum-fr1");
    expect((await client.getRegion()).name).toBe("osc-fr1");
    const configured = s.client({ region: "osc-secnum-fr1" });
    expect(configured.region).toBe("osc-secnum-fr1");
    expect((await configured.getRegion()).name).toBe("osc-secnum-fr1");
    expect((await configured.getRegion("osc-fr1")).name).toBe("osc-fr1");
  });

  it("exposes the chosen region's hosts", async () => {
    const s = fakeScalingo();
    expect(await s.client({ region: "osc-fr1" }).regionHosts()).toEqual({
      name: "osc-fr1",
      api: "https://api.osc-fr1.scalingo.com",
      database_api: "https://db-api.osc-fr1.scalingo.com",
      dashboard: "https://my.osc-fr1.scalingo.com",
      ssh: "ssh.osc-fr1.scalingo.com:22",
    });
  });

  it("an unknown name is a clear RegionNotFoundError listing the available regions", async () => {
    const s = fakeScalingo();
    const err = await s.client().getRegion("osc-xx9").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegionNotFoundError);
    expect(err).toMatchObject({ region: "osc-xx9", available: ["osc-fr1", "osc-secnum-fr1"] });
    expect((err as Error).message).toBe('Unknown Scalingo region "osc-xx9"; available regions: osc-fr1, osc-secnum-fr1');
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ name: "RegionNotFoundError", region: "osc-xx9" });
  });

  it("no name and no default region is a clear error", () => {
    const regions = REGIONS.map((r) => ({ ...r, default: false }));
    expect(() => selectRegion(regions)).toThrow(/No Scalingo region was named .* none is marked default; available regions: osc-fr1, osc-secnum-fr1/);
    expect(() => selectRegion([])).toThrow(/available regions: none/);
  });

  it("caches the list 10 minutes, then requests it again", async () => {
    const s = fakeScalingo();
    const client = s.client();
    await client.listRegions();
    await client.getRegion();
    await client.regionHosts("osc-secnum-fr1");
    expect(s.count(LIST)).toBe(1);
    s.clock.set(s.clock.now() + 10 * MIN - 1);
    await client.listRegions();
    expect(s.count(LIST)).toBe(1);
    s.clock.set(s.clock.now() + 1);
    await client.listRegions();
    expect(s.count(LIST)).toBe(2);
    await client.listRegions();
    expect(s.count(LIST)).toBe(2);
  });

  it("the TTL is configurable; 0 disables the cache; refresh forces a request", async () => {
    const s = fakeScalingo();
    const client = s.client({ regionsCacheTtlMs: MIN });
    await client.listRegions();
    s.clock.set(s.clock.now() + MIN);
    await client.listRegions();
    expect(s.count(LIST)).toBe(2);
    await client.listRegions({ refresh: true });
    expect(s.count(LIST)).toBe(3);
    const uncached = s.client({ regionsCacheTtlMs: 0 });
    await uncached.listRegions();
    await uncached.listRegions();
    expect(s.count(LIST)).toBe(5);
    expect(() => s.client({ regionsCacheTtlMs: -1 })).toThrow(TypeError);
  });

  it("concurrent callers share one request; a failure is not cached", async () => {
    const s = fakeScalingo();
    s.on(LIST, (_r, n) => (n <= 3 ? json(500, { error: "Internal error occured, we're on it!" }) : json(200, { regions: REGIONS })));
    const client = s.client();
    const failures = await Promise.allSettled(Array.from({ length: 20 }, () => client.listRegions()));
    expect(failures.every((f) => f.status === "rejected" && f.reason instanceof ServerError)).toBe(true);
    expect(s.count(LIST)).toBe(3); // one request, retried twice
    const lists = await Promise.all(Array.from({ length: 20 }, () => client.listRegions()));
    expect(lists.every((l) => l.length === 2)).toBe(true);
    expect(s.count(LIST)).toBe(4);
  });

  it("a caller's abort only stops its own wait", async () => {
    const s = fakeScalingo();
    const client = s.client();
    const controller = new AbortController();
    const aborted = client.listRegions({ signal: controller.signal });
    const other = client.listRegions();
    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    expect((await other).length).toBe(2);
  });

  it("the returned list is a copy: mutating it does not change the cache", async () => {
    const s = fakeScalingo();
    const client = s.client();
    (await client.listRegions()).pop();
    expect((await client.listRegions()).length).toBe(2);
  });

  it("a malformed list is an InvalidResponseError", async () => {
    const s = fakeScalingo();
    s.on(LIST, () => json(200, { region: [] }));
    await expect(s.client().listRegions()).rejects.toMatchObject({ name: "InvalidResponseError", path: "/v1/regions" });
  });
});
