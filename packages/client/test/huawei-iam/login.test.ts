import { describe, expect, it } from "vitest";
import { isPublicRequest, loginBody, parseKeystoneTime, tokenExpiry, HUAWEI_IAM_TOKEN_LIFETIME_MS } from "../../src/huawei-iam/login.js";

const T = Date.UTC(2022, 7, 17, 2, 31, 5, 451);

describe("parseKeystoneTime", () => {
  it.each([
    ["2022-08-17T02:31:05.451000Z", T],
    ["2022-08-17T02:31:05.451Z", T],
    ["2022-08-17T02:31:05.451000", T],
    ["2022-08-17T02:31:05.451000+00:00", T],
    ["2022-08-17T04:31:05.451000+0200", T],
    ["2022-08-17T02:31:05Z", T - 451],
  ])("%s", (text, ms) => {
    expect(parseKeystoneTime(text)).toBe(ms);
  });

  it.each([undefined, null, 1660703465, "", "tomorrow", "17/08/2022"])("rejects %s", (value) => {
    expect(parseKeystoneTime(value)).toBeUndefined();
  });
});

describe("tokenExpiry", () => {
  const now = Date.UTC(2030, 0, 1);
  it("lifetime from issued_at..expires_at, counted from the send time", () => {
    expect(tokenExpiry({ token: { issued_at: "2022-08-16T02:31:05.451000Z", expires_at: "2022-08-17T02:31:05.451000Z" } }, now)).toBe(now + 24 * 3_600_000);
  });
  it("expires_at alone is absolute", () => {
    expect(tokenExpiry({ token: { expires_at: "2030-01-01T02:00:00Z" } }, now)).toBe(now + 2 * 3_600_000);
  });
  it("issued_at after expires_at: expires_at as is", () => {
    expect(tokenExpiry({ token: { issued_at: "2030-01-02T00:00:00Z", expires_at: "2030-01-01T02:00:00Z" } }, now)).toBe(now + 2 * 3_600_000);
  });
  it.each([undefined, {}, { token: {} }, { token: { expires_at: "never" } }])("no usable expiry (%j): 24 h", (body) => {
    expect(tokenExpiry(body, now)).toBe(now + HUAWEI_IAM_TOKEN_LIFETIME_MS);
  });
});

describe("loginBody", () => {
  it("never adds fields the spec's closed TokenRequest would refuse", () => {
    const body = loginBody({ username: "u", password: "p-123456", domain: "d", projectId: "pid" });
    expect(body).toEqual({
      auth: { identity: { methods: ["password"], password: { user: { name: "u", password: "p-123456", domain: { name: "d" } } } }, scope: { project: { id: "pid" } } },
    });
  });
});

describe("isPublicRequest", () => {
  it.each<[string, string, string, boolean]>([
    ["GET", "https://iam.test/v3", "", true],
    ["GET", "https://iam.test/v3/", "", true],
    ["POST", "https://iam.test/v3/auth/tokens?nocatalog=true", "", true],
    ["GET", "https://iam.test/v3/auth/tokens", "", false],
    ["GET", "https://iam.test/v3/regions", "", false],
    ["POST", "https://iam.test/v3", "", false],
    ["GET", "https://gw.test/iam/v3", "/iam", true],
    ["GET", "https://gw.test/v3", "/iam", false],
  ])("%s %s (base path %j) → %s", (method, url, basePath, expected) => {
    expect(isPublicRequest(new Request(url, { method }), basePath)).toBe(expected);
  });
});
