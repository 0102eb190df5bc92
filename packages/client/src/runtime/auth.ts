/**
 * Pluggable authentication. An {@link AuthStrategy} returns the headers to set
 * on each attempt and may react to a 401 (invalidate + refresh; the pipeline
 * then replays the request once). Strategies register every secret they hold
 * with the pipeline's {@link SecretRegistry} through `useSecrets`.
 */
import { systemClock, type Clock } from "./clock.js";
import type { HttpError } from "./errors.js";
import { jwtExpiresAt } from "./jwt.js";
import type { SecretRegistry } from "./redact.js";

export interface AuthStrategy {
  /** Headers to set on the outgoing request (they replace same-named headers). */
  authorize(request: Request): HeadersInit | undefined | Promise<HeadersInit | undefined>;
  /**
   * Called once per request after a 401, with the attempt that failed and the error it got.
   * Invalidate cached credentials and return true to have the request replayed once with
   * fresh headers; false to surface the 401 (e.g. a challenge no new token answers).
   */
  onUnauthorized?(request: Request, error: HttpError): boolean | Promise<boolean>;
  /** The pipeline hands over its secret registry; register current and future secrets with it. */
  useSecrets?(registry: SecretRegistry): void;
}

class Registries {
  #registries = new Set<SecretRegistry>();
  #secrets = new Set<string>();

  use(registry: SecretRegistry): void {
    this.#registries.add(registry);
    registry.add(...this.#secrets);
  }

  add(...secrets: string[]): void {
    for (const s of secrets) {
      this.#secrets.add(s);
      for (const r of this.#registries) r.add(s);
    }
  }

  toJSON(): string {
    return "[secrets]";
  }
}

/** UTF-8 safe base64 (no Buffer). */
export function base64Encode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** One fixed header, its credentials registered (with `options.secrets` too, when given). */
function fixedAuth(name: string, value: string, secrets: string[], options: { secrets?: SecretRegistry }): AuthStrategy {
  const reg = new Registries();
  reg.add(...secrets);
  if (options.secrets) reg.use(options.secrets);
  return {
    authorize: () => ({ [name]: value }),
    useSecrets: (registry) => reg.use(registry),
  };
}

/** A fixed header, e.g. a raw key in `Authorization`. */
export function headerAuth(name: string, value: string, options: { secrets?: SecretRegistry } = {}): AuthStrategy {
  return fixedAuth(name, value, [value], options);
}

/** A fixed bearer token: `Authorization: Bearer <token>`. */
export function bearerAuth(token: string, options: { secrets?: SecretRegistry } = {}): AuthStrategy {
  return fixedAuth("Authorization", `Bearer ${token}`, [token], options);
}

/** HTTP Basic: `Authorization: Basic base64(username:password)`. */
export function basicAuth(username: string, password: string, options: { secrets?: SecretRegistry } = {}): AuthStrategy {
  const blob = base64Encode(`${username}:${password}`);
  return fixedAuth("Authorization", `Basic ${blob}`, [password, blob, `${username}:${password}`], options);
}

// ---------------------------------------------------------------------------
// Token cache (single-flight refresh)
// ---------------------------------------------------------------------------

export interface Token {
  value: string;
  /** Expiry, epoch ms. Undefined: valid until invalidated. */
  expiresAt?: number | undefined;
}

export interface TokenCacheOptions {
  /** Obtains a fresh token (e.g. an exchange or a login). */
  fetchToken: () => Promise<Token>;
  /** Refresh when fewer than this many ms remain (at most half the token's lifetime). */
  refreshMarginMs?: number;
  clock?: Pick<Clock, "now">;
  secrets?: SecretRegistry;
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

/** Builds a Token from a JWT, reading `exp`. */
export function tokenFromJwt(jwt: string): Token {
  return { value: jwt, expiresAt: jwtExpiresAt(jwt) };
}

/**
 * Holds one token and refreshes it when it is missing or within
 * `refreshMarginMs` of expiry. Concurrent callers share a single in-flight
 * refresh; if it fails, all of them get the error and the next call retries.
 * For tokens shorter-lived than twice the margin, the margin shrinks to half
 * the token's lifetime so that it is not refreshed on every call.
 */
export class TokenCache {
  readonly #fetchToken: () => Promise<Token>;
  readonly #margin: number;
  readonly #clock: Pick<Clock, "now">;
  readonly #secrets = new Registries();
  #token: Token | undefined;
  #refreshAt = Number.POSITIVE_INFINITY;
  #inflight: Promise<string> | undefined;
  #refreshes = 0;

  constructor(options: TokenCacheOptions) {
    this.#fetchToken = options.fetchToken;
    this.#margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.#clock = options.clock ?? systemClock;
    if (options.secrets) this.#secrets.use(options.secrets);
  }

  /** A valid token, refreshing first if needed. */
  get(): Promise<string> {
    const cached = this.peek();
    return cached === undefined ? this.refresh() : Promise.resolve(cached);
  }

  /** The cached token while it needs no refresh, else undefined (never starts a refresh). */
  peek(): string | undefined {
    const token = this.#token;
    return token && this.#clock.now() < this.#refreshAt ? token.value : undefined;
  }

  /** Forces a refresh (joining one already in flight). */
  refresh(): Promise<string> {
    if (this.#inflight) return this.#inflight;
    const run = Promise.resolve()
      .then(() => this.#fetchToken())
      .then((token) => {
        if (!token || typeof token.value !== "string" || token.value === "") {
          throw new Error("fetchToken returned no token");
        }
        this.set(token);
        return token.value;
      })
      .finally(() => {
        if (this.#inflight === run) this.#inflight = undefined;
      });
    this.#inflight = run;
    this.#refreshes += 1;
    return run;
  }

  /** Seeds or replaces the token (e.g. one persisted by a CLI). */
  set(token: Token): void {
    this.#secrets.add(token.value);
    this.#token = token;
    if (token.expiresAt === undefined) {
      this.#refreshAt = Number.POSITIVE_INFINITY;
    } else {
      const lifetime = token.expiresAt - this.#clock.now();
      this.#refreshAt = token.expiresAt - Math.max(0, Math.min(this.#margin, lifetime / 2));
    }
  }

  /**
   * Drops the cached token. With `stale`, only if it is still the cached one
   * (so 100 requests failing with the same old token cause one refresh).
   */
  invalidate(stale?: string): void {
    if (stale !== undefined && this.#token?.value !== stale) return;
    this.#token = undefined;
    this.#refreshAt = Number.POSITIVE_INFINITY;
  }

  /** Expiry of the cached token (epoch ms), if known. */
  get expiresAt(): number | undefined {
    return this.#token?.expiresAt;
  }

  /** Number of refreshes started (for diagnostics and tests). */
  get refreshCount(): number {
    return this.#refreshes;
  }

  useSecrets(registry: SecretRegistry): void {
    this.#secrets.use(registry);
  }

  toJSON(): Record<string, unknown> {
    return { expiresAt: this.expiresAt, cached: this.#token !== undefined };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `TokenCache(${this.#token ? "cached" : "empty"})`;
  }
}

export interface TokenAuthOptions {
  cache: TokenCache;
  /** Header carrying the token. Default `Authorization`. */
  headerName?: string;
  /** Scheme prefix; `null` for a bare token (e.g. `X-Auth-Token`). Default `Bearer`. */
  scheme?: string | null;
}

/** A refreshed token in a header (a bearer JWT, an `X-Auth-Token`). Re-auths once on 401. */
export function tokenAuth(options: TokenAuthOptions): AuthStrategy {
  const { cache } = options;
  const headerName = options.headerName ?? "Authorization";
  const scheme = options.scheme === undefined ? "Bearer" : options.scheme;
  const prefix = scheme ? `${scheme} ` : "";
  return {
    authorize() {
      const header = (token: string): Record<string, string> => ({ [headerName]: `${prefix}${token}` });
      const cached = cache.peek();
      return cached === undefined ? cache.get().then(header) : header(cached);
    },
    onUnauthorized(request) {
      const sent = request.headers.get(headerName);
      const stale = sent?.startsWith(prefix) ? sent.slice(prefix.length) : undefined;
      cache.invalidate(stale);
      return true;
    },
    useSecrets: (registry) => cache.useSecrets(registry),
  };
}
