/**
 * Protects what callers get back from a 2xx JSON answer once the pipeline has read its body (to
 * cover the read with the attempt's timeout and check that it parses): a single-use `Response`
 * through every reader (text, json, bytes, blob, stream, clone), with the status, headers and
 * `url` the server sent; and `json()` hands out the value the pipeline already parsed. The same
 * assertions hold for the whole pipeline and for `answerFromText` (read-body.ts) alone.
 */
import { describe, expect, it } from "vitest";
import { createFetch } from "../../src/runtime/index.js";
import { answerFromText } from "../../src/runtime/read-body.js";
import { BASE, recordingFetch } from "./helpers.js";

const TEXT = '{"regions":[{"name":"osc-fr1"}]}';

/** The server's answer, with the `url` a real fetch gives it. */
function serverResponse(): Response {
  const response = new Response(TEXT, { status: 200, statusText: "OK", headers: { "content-type": "application/json", "x-request-id": "r-1" } });
  Object.defineProperty(response, "url", { value: `${BASE}/v1/regions` });
  return response;
}

/** The answer as the pipeline hands it to openapi-fetch. */
async function throughThePipeline(): Promise<Response> {
  const { fetch } = recordingFetch(serverResponse);
  return createFetch({ fetch })(new Request(`${BASE}/v1/regions`));
}

/** The answer `answerFromText` makes of a response whose stream the pipeline consumed. */
function fromText(parsed?: { value: unknown }): Response {
  const response = serverResponse();
  void response.arrayBuffer();
  return answerFromText(response, TEXT, parsed);
}

describe.each([
  ["through the pipeline", throughThePipeline],
  ["answerFromText", async () => fromText()],
] as const)("the answer of a 2xx JSON call, %s", (_, readResponse: () => Promise<Response>) => {
  it("json() gives the parsed value", async () => {
    expect(await (await readResponse()).json()).toEqual({ regions: [{ name: "osc-fr1" }] });
  });

  it("text, arrayBuffer, blob and the stream give the same bytes", async () => {
    expect(await (await readResponse()).text()).toBe(TEXT);
    expect(new TextDecoder().decode(await (await readResponse()).arrayBuffer())).toBe(TEXT);
    expect(await (await (await readResponse()).blob()).text()).toBe(TEXT);
    expect(await new Response((await readResponse()).body).text()).toBe(TEXT);
  });

  it("is single-use like any Response: bodyUsed flips, a second read and a late clone throw", async () => {
    const response = await readResponse();
    expect(response.bodyUsed).toBe(false);
    await response.text();
    expect(response.bodyUsed).toBe(true);
    await expect(response.json()).rejects.toThrow(TypeError);
    expect(() => response.clone()).toThrow(TypeError);
  });

  it("a clone before the read is an independent copy with the same status and headers", async () => {
    const response = await readResponse();
    const copy = response.clone();
    expect(copy.status).toBe(200);
    expect(copy.headers.get("x-request-id")).toBe("r-1");
    expect(await copy.json()).toEqual(await response.json());
  });

  it("keeps the object, status, headers and url the server sent", async () => {
    const response = await readResponse();
    expect(response).toBeInstanceOf(Response);
    expect(response.ok).toBe(true);
    expect(response.statusText).toBe("OK");
    expect(response.url).toBe(`${BASE}/v1/regions`);
    expect(response.headers.get("content-type")).toBe("application/json");
  });
});

describe("answerFromText", () => {
  it("json() hands out the already parsed value once, without parsing again", async () => {
    const value = { regions: [{ name: "osc-fr1" }] };
    expect(await fromText({ value }).json()).toBe(value);
  });

  it("json() parses the text when nothing was parsed (empty body checks skipped it)", async () => {
    expect(await fromText().json()).toEqual({ regions: [{ name: "osc-fr1" }] });
  });
});
