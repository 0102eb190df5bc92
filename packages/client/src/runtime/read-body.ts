/**
 * A 2xx response whose body the pipeline has already read (to cover the read with the attempt's
 * timeout and retries, and to check that a JSON body parses). Instead of building a second
 * `Response` around the text (a new stream, read a second time by the caller), the body readers
 * of the response itself answer from the text: same object, status, headers and `url`, one read.
 */

type BodyReader = "arrayBuffer" | "blob" | "bytes" | "formData";

const unusable = (): TypeError => new TypeError("Body is unusable: Body has already been read");

/**
 * Makes `response` (whose body stream is consumed) read as `text`. `parsed`, when given, is what
 * `JSON.parse(text)` returned while validating; the first `json()` hands it out instead of parsing
 * again. Reads are single-use, like any `Response`.
 */
export function answerFromText(response: Response, text: string, parsed?: { value: unknown }): Response {
  let used = false;
  let pending = parsed;
  const take = (): void => {
    if (used) throw unusable();
    used = true;
  };
  const fresh = (): Response => {
    const copy = new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
    Object.defineProperty(copy, "url", { value: response.url });
    Object.defineProperty(copy, "redirected", { value: response.redirected });
    return copy;
  };
  const define = (name: string, value: unknown): void => {
    Object.defineProperty(response, name, { value, configurable: true, writable: true });
  };

  define("text", async (): Promise<string> => {
    take();
    return text;
  });
  define("json", async (): Promise<unknown> => {
    take();
    if (pending) {
      const { value } = pending;
      pending = undefined;
      return value;
    }
    return JSON.parse(text) as unknown;
  });
  for (const name of ["arrayBuffer", "blob", "bytes", "formData"] as const satisfies readonly BodyReader[]) {
    if (typeof (response as unknown as Record<string, unknown>)[name] !== "function") continue;
    define(name, async (): Promise<unknown> => {
      take();
      return (fresh()[name] as () => Promise<unknown>)();
    });
  }
  define("clone", (): Response => {
    if (used) throw unusable();
    return fresh();
  });
  let stream: ReadableStream<Uint8Array> | null | undefined;
  Object.defineProperty(response, "body", {
    configurable: true,
    get(): ReadableStream<Uint8Array> | null {
      // handed over as a stream: the caller reads it (once) from here on
      stream ??= fresh().body;
      used = true;
      return stream;
    },
  });
  Object.defineProperty(response, "bodyUsed", { configurable: true, get: (): boolean => used });
  return response;
}
