import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/scalingo.js";

export type * from "./generated/scalingo.js";

export const SCALINGO_AUTH_URL = "https://auth.scalingo.com";

export interface ScalingoClientOptions {
  /** Base URL of the auth API; defaults to https://auth.scalingo.com. */
  baseUrl?: string;
  /** A bearer (JWT) obtained from the token exchange. */
  bearer?: string;
  /** Injected fetch, e.g. for tests. */
  fetch?: (request: Request) => Promise<Response>;
}

export type ScalingoClient = Client<paths>;

/** A typed client for the Scalingo auth API. */
export function createScalingoClient(options: ScalingoClientOptions = {}): ScalingoClient {
  return createClient<paths>({
    baseUrl: options.baseUrl ?? SCALINGO_AUTH_URL,
    headers: options.bearer ? { Authorization: `Bearer ${options.bearer}` } : {},
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
