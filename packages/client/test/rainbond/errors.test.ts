/**
 * Protects how Rainbond's loose error object reads: `msg (msg_show)`, a bare `detail` (its Django
 * REST layer), and `code` as `error.code`. (Moved from the runtime's tests when these rules left
 * the runtime.)
 */
import { describe, expect, it } from "vitest";
import { errorFromResponse } from "../../src/runtime/index.js";
import { rainbondClientErrorMessage, rainbondErrorMessage } from "../../src/rainbond.js";
import { BASE } from "../runtime/helpers.js";

const fromJson = (status: number, body: unknown, errorMessage = rainbondErrorMessage) =>
  errorFromResponse({ method: "GET", url: `${BASE}/openapi/v1/regions`, status, bodyText: JSON.stringify(body) }, { errorMessage });

describe("Rainbond error bodies", () => {
  it.each([
    ["msg and msg_show", { code: 404, msg: "region not found", msg_show: "数据中心不存在" }, "region not found (数据中心不存在)"],
    ["detail", { detail: "Authentication credentials were not provided." }, "Authentication credentials were not provided."],
    ["problem+json is the generic reading", { title: "Bad input", detail: "limit must be ≤ 100" }, "Bad input: limit must be ≤ 100"],
  ])("%s", (_, body, expected) => {
    expect(fromJson(400, body).message).toBe(`GET /openapi/v1/regions → 400 Bad Request: ${expected}`);
    expect(fromJson(400, body, rainbondClientErrorMessage).message).toBe(`GET /openapi/v1/regions → 400 Bad Request: ${expected}`);
  });

  it("the business code is error.code", () => {
    expect(fromJson(400, { code: 20400, msg: "参数错误" }).code).toBe("20400");
  });
});
