/** The one line that replays a request: a curl command, with real credentials masked. */
import type { SecretRedactor } from "../credentials.js";

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** A replayable curl line; header values that are real credentials become "[redacted]", and any other secret too. */
export function curlLine(
  request: { readonly method: string; readonly url: string; readonly headers: Readonly<Record<string, string>>; readonly body?: string },
  secretHeaderValues: ReadonlySet<string>,
  redactor: SecretRedactor,
): string {
  const parts = ["curl", "-X", request.method, quote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.toLowerCase() === "accept") continue;
    parts.push("-H", quote(`${name}: ${secretHeaderValues.has(value) ? "[redacted]" : value}`));
  }
  if (request.body !== undefined) parts.push("--data-raw", quote(request.body));
  return redactor.redact(parts.join(" "));
}
