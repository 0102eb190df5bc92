import { describe, expect, it } from "vitest";
import { assertSecureUrl, createApiClient, createFetch, HttpError, InsecureUrlError, isLoopbackHost } from "../../src/runtime/index.js";
import { json, recordingFetch } from "./helpers.js";

describe("TLS rule", () => {
  it.each([
    "https://auth.scalingo.com",
    "https://iam.example.com:8443/v3",
    "http://localhost:4010",
    "http://LOCALHOST",
    "http://127.0.0.1:8080",
    "http://127.1.2.3",
    "http://[::1]:4010/",
  ])("accepts %s", (url) => {
    expect(assertSecureUrl(url).href).toBe(new URL(url).href);
  });

  it.each([
    ["http://auth.scalingo.com", "http://auth.scalingo.com"],
    ["http://10.0.0.1:8080/x?token=abc", "http://10.0.0.1:8080"],
    ["http://user:secret@example.com/", "http://example.com"],
    ["http://localhost.evil.com", "http://localhost.evil.com"],
    ["http://128.0.0.1", "http://128.0.0.1"],
    ["http://[::2]", "http://[::2]"],
    ["ftp://localhost", "ftp://localhost"],
    ["ws://example.com", "ws://example.com"],
  ])("rejects %s with a clear error that shows only the origin", (url, shown) => {
    let error: unknown;
    try {
      assertSecureUrl(url);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InsecureUrlError);
    expect((error as InsecureUrlError).message).toBe(
      `Refusing insecure base URL ${JSON.stringify(shown)}: use https:, or http: only for a loopback host (localhost, 127.0.0.0/8, [::1])`,
    );
    expect((error as Error).message).not.toContain("secret");
    expect((error as Error).message).not.toContain("token=abc");
  });

  it("rejects unparseable URLs", () => {
    expect(() => assertSecureUrl("not a url")).toThrow(InsecureUrlError);
  });

  it("isLoopbackHost", () => {
    expect(isLoopbackHost("127.255.255.255")).toBe(true);
    expect(isLoopbackHost("[::ffff:7f00:1]")).toBe(true);
    expect(isLoopbackHost("127.0.0.256")).toBe(false);
    expect(isLoopbackHost("0.0.0.0")).toBe(false);
    expect(isLoopbackHost("example.localhost")).toBe(false);
  });

  it("createFetch/createApiClient refuse an insecure baseUrl up front", () => {
    expect(() => createFetch({ baseUrl: "http://api.example.com" })).toThrow(InsecureUrlError);
    expect(() => createApiClient({ baseUrl: "http://api.example.com" })).toThrow(InsecureUrlError);
  });

  it("every request URL is checked, before anything is sent", async () => {
    const { fetch, calls } = recordingFetch(() => json(200, {}));
    const pipeline = createFetch({ fetch });
    await expect(pipeline(new Request("http://api.example.com/v1/regions"))).rejects.toThrow(
      'Refusing insecure request URL "http://api.example.com"',
    );
    expect(calls).toHaveLength(0);
    await pipeline(new Request("http://127.0.0.1:4010/v1/regions"));
    expect(calls).toHaveLength(1);
  });

  it("redirects are not followed by default (custom auth headers would be replayed); a 3xx is an error", async () => {
    const { fetch, calls } = recordingFetch((req) =>
      req.redirect === "manual" ? new Response(null, { status: 302, headers: { location: "https://elsewhere.example/" } }) : json(200, {}),
    );
    const err = await createFetch({ fetch })(new Request("https://api.example.com/v1/regions")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(302);
    expect((err as HttpError).message).toBe("GET /v1/regions → 302 Found");
    expect(calls).toHaveLength(1);
    const res = await createFetch({ fetch, followRedirects: true })(new Request("https://api.example.com/v1/regions"));
    expect(res.status).toBe(200);
  });
});
