/**
 * Protects what callers get back from a 2xx JSON answer once the pipeline has read its body:
 * it still behaves as a single-use `Response` through every reader (text, json, bytes, blob,
 * stream, clone), and `json()` hands out the value the pipeline already parsed.
 */
import { describe, expect, it } from "vitest";
import { answerFromText } from "../../src/runtime/read-body.js";

const TEXT = '{"regions":[{"name":"osc-fr1"}]}';

function readResponse(parsed?: { value: unknown }): Response {
  const response = new Response(TEXT, { status: 200, statusText: "OK", headers: { "content-type": "application/json", "x-request-id": "r-1" } });
  void response.arrayBuffer(); // the pipeline consumed the stream
  return answerFromText(response, TEXT, parsed);
}

describe("answerFromText", () => {
  it("json() hands out the already parsed value once, without parsing again", async () => {
    const value = { regions: [{ name: "osc-fr1" }] };
    const response = readResponse({ value });
    expect(await response.json()).toBe(value);
  });

  it("json() parses the text when nothing was parsed (empty body checks skipped it)", async () => {
    expect(await readResponse().json()).toEqual({ regions: [{ name: "osc-fr1" }] });
  });

  it("text, arrayBuffer, blob and the stream give the same bytes", async () => {
    expect(await readResponse().text()).toBe(TEXT);
    expect(new TextDecoder().decode(await readResponse().arrayBuffer())).toBe(TEXT);
    expect(await (await readResponse().blob()).text()).toBe(TEXT);
    expect(await new Response(readResponse().body).text()).toBe(TEXT);
  });

  it("is single-use like any Response: bodyUsed flips, a second read and a late clone throw", async () => {
    const response = readResponse();
    expect(response.bodyUsed).toBe(false);
    await response.text();
    expect(response.bodyUsed).toBe(true);
    await expect(response.json()).rejects.toThrow(TypeError);
    expect(() => response.clone()).toThrow(TypeError);
  });

  it("a clone before the read is an independent copy with the same status and headers", async () => {
    const response = readResponse();
    const copy = response.clone();
    expect(copy.status).toBe(200);
    expect(copy.headers.get("x-request-id")).toBe("r-1");
    expect(await copy.json()).toEqual(await response.json());
  });

  it("keeps the object, status and headers the server sent", () => {
    const response = readResponse();
    expect(response).toBeInstanceOf(Response);
    expect(response.ok).toBe(true);
    expect(response.statusText).toBe("OK");
    expect(response.headers.get("content-type")).toBe("application/json");
  });
});
