/**
 * Secret scrubbing. Two layers:
 *
 * 1. A {@link SecretRegistry}: auth strategies register every credential they
 *    hold or obtain (API tokens, passwords, bearer tokens, Basic blobs), and
 *    any occurrence of those exact values (and their URL/JSON-escaped forms)
 *    is replaced with `[REDACTED]`.
 * 2. Pattern rules for things that look like credentials even when nobody
 *    registered them: `Bearer …`/`Basic …`, JWTs, and `password=…` /
 *    `"token": "…"` style key/value pairs; a platform adds the shapes of its
 *    own tokens with {@link SecretRegistry.addPattern}.
 *
 * Error objects never hold the Request or its headers; only redacted text and
 * redacted parsed bodies reach them.
 */

export const REDACTED = "[REDACTED]";

/** Secrets shorter than this are not registered: scrubbing them would mangle ordinary text. */
export const MIN_SECRET_LENGTH = 4;

/** Names of keys whose value is a credential, as they appear in text (`password=…`, `"token": "…"`). */
const KEY_NAMES =
  "pass(?:word|wd|phrase)?|secret|client[_-]?secret|(?:access|refresh|id|auth|api|subject|session)?[_-]?token|api[_-]?key|apikey|x[_-]auth[_-]token|x[_-]subject[_-]token|authorization|private[_-]?key";

/** A key of a parsed body whose (scalar) value is replaced wholesale: the names above, and a few that only come as keys. */
const SENSITIVE_KEY = new RegExp(`^(?:${KEY_NAMES}|proxy[_-]authorization|credentials?|otp|cookie|set[_-]cookie)$`, "i");

type Replacement = string | ((match: string, ...groups: string[]) => string);

/**
 * A credential-looking value after `Bearer`/`Basic`/`Token`: 8+ chars with a
 * digit, symbol or inner capital, or 20+ chars. Plain words ("Token expired",
 * "Basic authentication") are left alone.
 */
const looksLikeCredential = (value: string): boolean =>
  value.length >= 20 || (value.length >= 8 && (/[0-9+/=._~-]/.test(value) || /[A-Za-z][A-Z]/.test(value)));

const PATTERNS: ReadonlyArray<readonly [RegExp, Replacement]> = [
  // "password": "…", 'token': '…' (JSON-ish, quoted value)
  [new RegExp(`(["'](?:${KEY_NAMES})["']\\s*:\\s*)(["'])(?:(?!\\2)[^\\\\]|\\\\.)*\\2`, "gi"), `$1$2${REDACTED}$2`],
  // Authorization: Bearer …, Basic …, Token …
  [
    /\b(Bearer|Basic|Token|Digest)(\s+)([A-Za-z0-9._~+/=-]+)/gi,
    (match: string, scheme: string, space: string, value: string) =>
      looksLikeCredential(value) ? `${scheme}${space}${REDACTED}` : match,
  ],
  // JWT (header.payload.signature; signature may be empty for alg "none")
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // password=…, token: … , X-Auth-Token: … (unquoted value)
  [new RegExp(`\\b(${KEY_NAMES})(\\s*[:=]\\s*)(?!\\[REDACTED\\])(?!["'])[^\\s&,;"'}\\]]+`, "gi"), `$1$2${REDACTED}`],
];

/** Scrubs credential-looking substrings with the built-in patterns only. */
export function redactPatterns(text: string): string {
  return PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement as string), text);
}

function variants(secret: string): string[] {
  const out = new Set<string>([secret]);
  try {
    out.add(encodeURIComponent(secret));
  } catch {
    // lone surrogate: no URL form
  }
  out.add(JSON.stringify(secret).slice(1, -1));
  return [...out].filter((v) => v.length >= MIN_SECRET_LENGTH);
}

/**
 * Holds the secret values a client knows about. Auth strategies call
 * {@link SecretRegistry.add} for every credential; the pipeline and the error
 * factory call {@link SecretRegistry.redact} on every piece of text that could
 * be echoed into an error, a log line or a `cause`.
 *
 * The registry never prints its contents (`toJSON`/`util.inspect` show only a
 * count).
 */
export class SecretRegistry {
  #secrets = new Set<string>();
  #sorted: string[] | undefined;
  #patterns: RegExp[] = [];

  /** Registers secrets (ignores empty/short ones and non-strings). Returns `this`. */
  add(...secrets: ReadonlyArray<string | null | undefined>): this {
    for (const secret of secrets) {
      if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) continue;
      for (const v of variants(secret)) this.#secrets.add(v);
      this.#sorted = undefined;
    }
    return this;
  }

  /** Scrubs every match of `pattern` (a global RegExp), e.g. the shape of a platform's tokens. Returns `this`. */
  addPattern(pattern: RegExp): this {
    this.#patterns.push(pattern);
    return this;
  }

  get size(): number {
    return this.#secrets.size;
  }

  /** Replaces registered secrets, then credential-looking patterns, with `[REDACTED]`. */
  redact(text: string): string {
    let out = redactPatterns(this.redactRegistered(text));
    for (const pattern of this.#patterns) out = out.replace(pattern, REDACTED);
    return out;
  }

  /** Replaces registered secrets only. */
  redactRegistered(text: string): string {
    if (this.#secrets.size === 0 || text === "") return text;
    this.#sorted ??= [...this.#secrets].sort((a, b) => b.length - a.length);
    let out = text;
    for (const secret of this.#sorted) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  toJSON(): { secrets: number } {
    return { secrets: this.#secrets.size };
  }

  toString(): string {
    return `SecretRegistry(${this.#secrets.size} secrets)`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** Redacts text with a registry if given, else with the pattern rules only. */
export function redactText(text: string, secrets?: SecretRegistry): string {
  return secrets ? secrets.redact(text) : redactPatterns(text);
}

/**
 * Deep-redacts a parsed JSON value: string leaves are scrubbed, and values
 * under sensitive keys (`password`, `token`, `api_key`, `authorization`, …)
 * are replaced wholesale. Returns a new value; the input is not modified.
 */
export function redactValue(value: unknown, secrets?: SecretRegistry, depth = 0): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (value === null || typeof value !== "object") return value;
  if (depth >= 8) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const safeKey = redactText(key, secrets);
    out[safeKey] = SENSITIVE_KEY.test(key) && v !== null && typeof v !== "object" ? REDACTED : redactValue(v, secrets, depth + 1);
  }
  return out;
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  stack?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Copies an arbitrary thrown value (e.g. undici's `TypeError: fetch failed`
 * and its `cause` chain) into a fresh `Error` holding only redacted `name`,
 * `message`, `code`, stack frames and a sanitized `cause` — never the
 * original object, which may reference the request and its headers.
 */
export function sanitizeError(err: unknown, secrets?: SecretRegistry, depth = 0): Error {
  const e: ErrorLike = typeof err === "object" && err !== null ? (err as ErrorLike) : { message: String(err) };
  const message = redactText(typeof e.message === "string" ? e.message : String(e.message ?? ""), secrets);
  const inner = e.cause !== undefined ? e.cause : Array.isArray(e.errors) && e.errors.length > 0 ? e.errors[0] : undefined;
  const copy = depth < 3 && inner !== undefined ? new Error(message, { cause: sanitizeError(inner, secrets, depth + 1) }) : new Error(message);
  // like an Error's own `name`: not enumerable
  Object.defineProperty(copy, "name", { value: redactText(typeof e.name === "string" && e.name ? e.name : "Error", secrets), configurable: true, writable: true });
  const code = codeOf(e);
  if (code !== undefined) Object.assign(copy, { code });
  const frames = typeof e.stack === "string" ? e.stack.split("\n").filter((l) => /^\s+at /.test(l)) : [];
  copy.stack = [`${copy.name}: ${message}`, ...frames.map((l) => redactText(l, secrets))].join("\n");
  return copy;
}

function codeOf(e: ErrorLike): string | undefined {
  if (typeof e.code === "string" && /^[A-Z0-9_]{1,64}$/i.test(e.code)) return e.code;
  return undefined;
}
