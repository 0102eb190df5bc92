/**
 * A 2xx response whose body the pipeline has already read (to cover the read with the attempt's
 * timeout and retries, and to check that a JSON body parses). Instead of building a second
 * `Response` around the text (a new stream, read a second time by the caller), the body readers
 * of the response itself answer from the text: same object, status, headers and `url`, one read.
 * Kept because it pays where users feel it: on loopback, a paired old/new run of a
 * client measured about 1.2× the time per call with `new Response(text)` instead, 1.03× with this.
 */

interface ReadBody {
  readonly text: string;
  /** What the pipeline's `JSON.parse(text)` returned, until the first `json()` hands it out. */
  parsed: { value: unknown } | undefined;
  used: boolean;
  stream?: ReadableStream<Uint8Array> | null;
}

const bodies = new WeakMap<Response, ReadBody>();

const unusable = (): TypeError => new TypeError("Body is unusable: Body has already been read");

function stateOf(response: Response): ReadBody {
  const state = bodies.get(response);
  if (!state) throw new TypeError("Illegal invocation");
  return state;
}

/** Marks the body read; a second read fails like any `Response`'s. */
function take(response: Response): ReadBody {
  const state = stateOf(response);
  if (state.used) throw unusable();
  state.used = true;
  return state;
}

/** A new `Response` over the text, for the readers and `clone()` that need one (rarely used). */
function fresh(response: Response, text: string): Response {
  const copy = new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  Object.defineProperty(copy, "url", { value: response.url });
  Object.defineProperty(copy, "redirected", { value: response.redirected });
  return copy;
}

const viaCopy = (name: "arrayBuffer" | "blob" | "bytes" | "formData"): PropertyDescriptor => ({
  configurable: true,
  writable: true,
  async value(this: Response): Promise<unknown> {
    const { text } = take(this);
    return (fresh(this, text)[name] as () => Promise<unknown>)();
  },
});

// One set of descriptors shared by every response: per call, only the WeakMap entry is new.
const DESCRIPTORS: PropertyDescriptorMap = {
  text: {
    configurable: true,
    writable: true,
    async value(this: Response): Promise<string> {
      return take(this).text;
    },
  },
  json: {
    configurable: true,
    writable: true,
    async value(this: Response): Promise<unknown> {
      const state = take(this);
      const parsed = state.parsed;
      state.parsed = undefined;
      return parsed ? parsed.value : (JSON.parse(state.text) as unknown);
    },
  },
  arrayBuffer: viaCopy("arrayBuffer"),
  blob: viaCopy("blob"),
  formData: viaCopy("formData"),
  clone: {
    configurable: true,
    writable: true,
    value(this: Response): Response {
      const state = stateOf(this);
      if (state.used) throw unusable();
      return fresh(this, state.text);
    },
  },
  body: {
    configurable: true,
    get(this: Response): ReadableStream<Uint8Array> | null {
      // handed over as a stream: the caller reads it (once) from here on
      const state = stateOf(this);
      state.stream ??= fresh(this, state.text).body;
      state.used = true;
      return state.stream;
    },
  },
  bodyUsed: {
    configurable: true,
    get(this: Response): boolean {
      return stateOf(this).used;
    },
  },
};
if (typeof (Response.prototype as { bytes?: unknown }).bytes === "function") DESCRIPTORS.bytes = viaCopy("bytes");

/**
 * Makes `response` (whose body stream is consumed) read as `text`. `parsed`, when given, is what
 * `JSON.parse(text)` returned while validating; the first `json()` hands it out instead of parsing
 * again. Reads are single-use, like any `Response`.
 */
export function answerFromText(response: Response, text: string, parsed?: { value: unknown }): Response {
  bodies.set(response, { text, parsed, used: false });
  Object.defineProperties(response, DESCRIPTORS);
  return response;
}
