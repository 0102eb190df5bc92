/**
 * Keeping secrets out of what verify prints. Only text that came from the server (a header
 * value, a body excerpt) can hold a secret, so that text is masked where it is taken, once,
 * before any report is built; the report's own words (operation ids, paths, messages) are
 * never touched. A secret too short to mask without garbling the text around it is refused.
 */
import type { Credentials } from "./credentials.js";
import type { SecretRedactor } from "./credentials.js";

/** Secrets shorter than this are refused: masking "x" would mask every "x" of a server's answer. */
export const MIN_SECRET_LENGTH = 8;

/** Longest body excerpt shown with a failure, in characters. */
export const EXCERPT_LENGTH = 200;

const SECRET_FIELDS = ["bearer", "apiToken", "accessKey", "password"] as const satisfies ReadonlyArray<keyof Credentials>;

/** The credential fields whose value is too short to mask safely. */
export function tooShortSecrets(credentials: Credentials): Array<(typeof SECRET_FIELDS)[number]> {
  return SECRET_FIELDS.filter((field) => {
    const value = credentials[field];
    return value !== undefined && value !== "" && value.length < MIN_SECRET_LENGTH;
  });
}

/** JSON properties whose string value is a secret whatever the server put there (a new API token, a private key). */
const SECRET_PROPERTY = /(^|_|-)(token|secret|password|passwd|private_?key|key_file)$|^(token|secret|password)$/i;

/** The body as one line, at most EXCERPT_LENGTH characters, with secrets masked: shown with a failure. */
export function bodyExcerpt(body: unknown, redactor: SecretRedactor): string | undefined {
  if (body === undefined || body === null || body === "") return undefined;
  const text =
    typeof body === "string"
      ? body
      : JSON.stringify(body, (key, value: unknown) => (typeof value === "string" && key !== "" && SECRET_PROPERTY.test(key) ? "[redacted]" : value));
  const line = redactor.redact(text).replace(/\s+/g, " ").trim();
  return line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH - 1)}…` : line;
}
