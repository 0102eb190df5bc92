/**
 * Protects the one reading of `security` that the example requests, the docs and the contract
 * tools share, and the one loopback rule of the client's TLS check and the contract tools.
 */
import { describe, expect, it } from "vitest";
import {
  allowsAnonymous,
  credentialHeader,
  getApi,
  isLoopbackHost,
  listOperations,
  loadBundledSpec,
  requiredSchemes,
  securityRequirements,
  securitySchemes,
} from "../src/index.js";

const scalingo = loadBundledSpec(getApi("scalingo"));
const rainbond = loadBundledSpec(getApi("rainbond"));
const op = (spec: typeof scalingo, id: string) => listOperations(spec).find((candidate) => candidate.operationId === id)!;

describe("security requirements", () => {
  it("reads the operation's own security before the spec's", () => {
    expect(securityRequirements(scalingo, op(scalingo, "exchangeToken"))).toEqual([["apiToken"]]);
    expect(requiredSchemes(scalingo, op(scalingo, "listKeys"))).toEqual(["bearer"]);
  });

  it("asks for nothing where anonymous calls are allowed", () => {
    const listRegions = op(scalingo, "listRegions");
    expect(securityRequirements(scalingo, listRegions).some((names) => names.length === 0)).toBe(true);
    expect(allowsAnonymous(scalingo, listRegions)).toBe(true);
    expect(requiredSchemes(scalingo, listRegions)).toEqual([]);
  });

  it("sends an apiKey header under its own name, anything else in Authorization", () => {
    const schemes = securitySchemes(rainbond);
    const [name] = requiredSchemes(rainbond, op(rainbond, "listRegions"));
    expect(credentialHeader(schemes[name!])).toBe("Authorization");
    expect(credentialHeader({ type: "apiKey", in: "header", name: "X-Auth-Token" })).toBe("X-Auth-Token");
    expect(credentialHeader({ type: "apiKey", in: "query", name: "key" })).toBe("Authorization");
    expect(credentialHeader({ type: "http", scheme: "bearer" })).toBe("Authorization");
  });
});

describe("isLoopbackHost", () => {
  it("accepts localhost, 127.0.0.0/8, ::1 and the IPv4-mapped loopback", () => {
    for (const host of ["localhost", "LOCALHOST", "localhost.", "127.0.0.1", "127.255.255.255", "::1", "[::1]", "[::ffff:7f00:1]", "::ffff:127.0.0.1"]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
  });

  it("refuses every other host, *.localhost included (Node resolves it through DNS)", () => {
    for (const host of ["api.localhost", "127.0.0.256", "0.0.0.0", "10.0.0.1", "[::ffff:a00:1]", "127.0.0.1.example.com", "localhost.example.com", ""]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
