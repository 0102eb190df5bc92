/**
 * Protects how IAM's two error shapes read: Keystone's `{"error": {message, code}}` and the API
 * gateway's `{"error_msg", "error_code"}`, for the message and for `error.code`. (Moved from the
 * runtime's tests when these rules left the runtime.)
 */
import { describe, expect, it } from "vitest";
import { errorFromResponse } from "../../src/runtime/index.js";
import { huaweiIamErrorCode, huaweiIamErrorMessage } from "../../src/huawei-iam.js";
import { BASE } from "../runtime/helpers.js";

const fromJson = (status: number, body: unknown) =>
  errorFromResponse({ method: "GET", url: `${BASE}/v3/regions`, status, bodyText: JSON.stringify(body) }, { errorMessage: huaweiIamErrorMessage, errorCode: huaweiIamErrorCode });

describe("IAM error bodies", () => {
  it.each([
    ["keystone", { error: { message: "The request you have made requires authentication.", code: 401, title: "Unauthorized" } }, "The request you have made requires authentication."],
    ["keystone title only", { error: { code: 401, title: "Unauthorized" } }, "Unauthorized"],
    ["gateway", { error_msg: "Incorrect IAM authentication information", error_code: "APIGW.0301" }, "Incorrect IAM authentication information (APIGW.0301)"],
    ["generic fallback", { message: "upstream unavailable" }, "upstream unavailable"],
  ])("%s", (_, body, expected) => {
    expect(fromJson(400, body).message).toBe(`GET /v3/regions → 400 Bad Request: ${expected}`);
  });

  it("code from gateway / keystone bodies", () => {
    expect(fromJson(401, { error_msg: "Incorrect IAM authentication information", error_code: "APIGW.0301" }).code).toBe("APIGW.0301");
    expect(fromJson(401, { error: { message: "The request you have made requires authentication.", code: 401 } }).code).toBe("401");
  });
});
