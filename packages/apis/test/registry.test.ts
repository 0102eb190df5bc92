/** Protects the single list of APIs: every entry is checked, and mistakes name the entry. */
import { describe, expect, it } from "vitest";
import { apis, getApi, parseApis } from "../src/index.js";

describe("parseApis", () => {
  it("reads name, absolute root and mock port of each entry, in order", () => {
    const parsed = parseApis(
      "apis:\n  one:\n    root: spec/one/openapi.yaml\n    x-openregions: { mockPort: 5001 }\n  two-b:\n    root: spec/two/openapi.yaml\n    x-openregions: { mockPort: 5002 }\n",
      "/repo",
    );
    expect(parsed).toEqual([
      { name: "one", root: "/repo/spec/one/openapi.yaml", mockPort: 5001 },
      { name: "two-b", root: "/repo/spec/two/openapi.yaml", mockPort: 5002 },
    ]);
  });

  it.each([
    ["no apis map", "extends: [recommended]\n", /an "apis" map is required/],
    ["missing root", "apis:\n  one:\n    x-openregions: { mockPort: 5001 }\n", /apis\.one: "root" is required/],
    ["missing port", "apis:\n  one:\n    root: a.yaml\n", /apis\.one: "x-openregions\.mockPort"/],
    ["port too high", "apis:\n  one:\n    root: a.yaml\n    x-openregions: { mockPort: 40000 }\n", /\[1024, 32768\)/],
    ["name not kebab", "apis:\n  One_API:\n    root: a.yaml\n    x-openregions: { mockPort: 5001 }\n", /kebab-case/],
    [
      "port clash",
      "apis:\n  a:\n    root: a.yaml\n    x-openregions: { mockPort: 5001 }\n  b:\n    root: b.yaml\n    x-openregions: { mockPort: 5001 }\n",
      /apis\.b: mock port 5001 is already used by a/,
    ],
  ])("rejects %s", (_case, text, message) => {
    expect(() => parseApis(text, "/repo")).toThrow(message);
  });
});

describe("the repo's list", () => {
  it("holds the three platforms with distinct ports", () => {
    expect(apis.map((api) => api.name)).toEqual(["scalingo", "rainbond", "huawei-iam"]);
    expect(new Set(apis.map((api) => api.mockPort)).size).toBe(apis.length);
  });

  it("getApi names the known APIs when asked for an unknown one", () => {
    expect(() => getApi("heroku")).toThrow(/unknown API "heroku"; known: scalingo, rainbond, huawei-iam/);
  });
});
