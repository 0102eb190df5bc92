/** A request as the sandbox engine sees it: already read, never streamed. */
export interface SandboxRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/v1/keys/5ae1`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
}

/** An answer of the engine: a JSON value (or text) with a status and extra headers. */
export interface SandboxResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON value to serialise; a string is sent as it is with `text/plain` unless headers say otherwise. */
  readonly body?: unknown;
}

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);
