/** Protects which bodies the pipeline treats as JSON (read, validated, parsed once) and which it streams. */
import { describe, expect, it } from "vitest";
import { isJsonContentType } from "../../src/runtime/http.js";

describe("isJsonContentType", () => {
  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "Application/JSON;charset=UTF-8",
    "  application/json  ",
    "text/json",
    "application/problem+json",
    "application/vnd.api+json; ext=bulk",
  ])("%s is JSON", (value) => {
    expect(isJsonContentType(value)).toBe(true);
  });

  it.each([null, undefined, "", "text/html", "text/plain; format=json", "application/jsonp", "application/json-seq", "application/x-json-stream", "+json"])(
    "%s is not",
    (value) => {
      expect(isJsonContentType(value)).toBe(false);
    },
  );
});
