import { afterEach, describe, expect, it, vi } from "vitest";
import { createScalingoClient, readScalingoEnv, SCALINGO_AUTH_URL } from "../../src/scalingo.js";
import { API_TOKEN, basic, fakeScalingo } from "./fake.js";

const ENV = { SCALINGO_AUTH_URL: "https://auth.env.test/", SCALINGO_API_TOKEN: API_TOKEN, SCALINGO_REGION: "osc-secnum-fr1" };

describe("Scalingo environment variables", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("SCALINGO_AUTH_URL, SCALINGO_API_TOKEN and SCALINGO_REGION are honoured when options are absent", async () => {
    const s = fakeScalingo();
    const client = createScalingoClient({ fetch: s.fetch, clock: s.clock, env: ENV });
    expect(client.authUrl).toBe("https://auth.env.test");
    expect(client.region).toBe("osc-secnum-fr1");
    expect((await client.getRegion()).name).toBe("osc-secnum-fr1");
    expect(new URL(s.calls[0]!.url).origin).toBe("https://auth.env.test");
    expect(s.callsTo("POST /v1/tokens/exchange")[0]!.headers.authorization).toBe(basic("", API_TOKEN));
  });

  it("options win over the environment", async () => {
    const s = fakeScalingo();
    const client = createScalingoClient({ fetch: s.fetch, clock: s.clock, env: ENV, authUrl: "https://auth.option.test", apiToken: "tk-us-OPTIONtoken123456", region: "osc-fr1" });
    expect(client.authUrl).toBe("https://auth.option.test");
    expect((await client.getRegion()).name).toBe("osc-fr1");
    expect(s.callsTo("POST /v1/tokens/exchange")[0]!.headers.authorization).toBe(basic("", "tk-us-OPTIONtoken123456"));
  });

  it("a bearer option keeps SCALINGO_API_TOKEN out (explicit credentials win)", async () => {
    const s = fakeScalingo();
    const client = createScalingoClient({ fetch: s.fetch, clock: s.clock, env: ENV, bearer: "explicit-bearer-value" });
    await client.GET("/v1/users/self");
    expect(s.count("POST /v1/tokens/exchange")).toBe(0);
    expect(s.calls[0]!.headers.authorization).toBe("Bearer explicit-bearer-value");
  });

  it("reads globalThis.process.env by default; env: false ignores it", async () => {
    vi.stubEnv("SCALINGO_AUTH_URL", "https://auth.process.test");
    vi.stubEnv("SCALINGO_API_TOKEN", API_TOKEN);
    vi.stubEnv("SCALINGO_REGION", "osc-secnum-fr1");
    const s = fakeScalingo();
    const client = createScalingoClient({ fetch: s.fetch, clock: s.clock });
    expect(client.authUrl).toBe("https://auth.process.test");
    expect(client.region).toBe("osc-secnum-fr1");
    await client.GET("/v1/users/self");
    expect(s.count("POST /v1/tokens/exchange")).toBe(1);

    const ignoring = createScalingoClient({ fetch: s.fetch, clock: s.clock, env: false });
    expect(ignoring.authUrl).toBe(SCALINGO_AUTH_URL);
    expect(ignoring.region).toBeUndefined();
    await expect(ignoring.bearer()).rejects.toThrow(/no credentials/);
  });

  it("readScalingoEnv trims values, drops empty ones and ignores other variables", () => {
    expect(readScalingoEnv({ SCALINGO_REGION: "  osc-fr1 ", SCALINGO_API_TOKEN: "  ", OTHER: "x" })).toEqual({ SCALINGO_REGION: "osc-fr1" });
    expect(readScalingoEnv(false)).toEqual({});
  });

  it("works without process (browsers)", () => {
    const g = globalThis as { process?: unknown };
    const saved = g.process;
    try {
      g.process = undefined;
      expect(readScalingoEnv()).toEqual({});
      expect(createScalingoClient().authUrl).toBe("https://auth.scalingo.com");
    } finally {
      g.process = saved;
    }
  });

  it("an insecure SCALINGO_AUTH_URL is refused like an option", () => {
    expect(() => createScalingoClient({ env: { SCALINGO_AUTH_URL: "http://auth.example.com" } })).toThrow(/Refusing insecure base URL "http:\/\/auth.example.com"/);
  });
});
