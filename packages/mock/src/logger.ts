import { Writable } from "node:stream";
import { createLogger } from "@stoplight/prism-core";
import type { MockLogLevel } from "./log-level.js";

export type { MockLogLevel };

/** Header values Prism would otherwise copy into its request logs. */
const SECRET_PATHS = [
  "input.headers.authorization",
  'input.headers["x-auth-token"]',
  'input.headers["x-authorization-otp"]',
  'input.headers["x-subject-token"]',
  'input.headers["proxy-authorization"]',
  "input.headers.cookie",
];

const SECRET_HEADER_LINE = /\b(authorization|x-auth-token|x-authorization-otp|x-subject-token|proxy-authorization|cookie|set-cookie)(\s*[:=]\s*)[^\n]*/gi;

/** Masks credential headers in free text (Prism prints raw header lines at debug level). */
export function redactHeaderLines(text: string): string {
  return text.replace(SECRET_HEADER_LINE, "$1$2[redacted]");
}

/** Prints Prism's JSON log records as one short line each, prefixed with the API name. */
function linePrinter(prefix: string, write: (line: string) => void): Writable {
  let pending = "";
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString("utf8");
      for (let newline = pending.indexOf("\n"); newline >= 0; newline = pending.indexOf("\n")) {
        const record = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        try {
          const parsed = JSON.parse(record) as { msg?: string; name?: string; input?: { method?: string; url?: { path?: string } } };
          // Prism's own violation lines name no request; reportingValidators prints them instead.
          if (parsed.name === "VALIDATOR") continue;
          const request = parsed.input ? ` ${String(parsed.input.method).toUpperCase()} ${parsed.input.url?.path ?? ""}` : "";
          write(redactHeaderLines(`[${prefix}]${request} ${parsed.msg ?? record}`));
        } catch {
          write(redactHeaderLines(`[${prefix}] ${record}`));
        }
      }
      done();
    },
  });
}

/** A Prism logger: silent, or redacted one-liners on stderr. */
export function createMockLogger(apiName: string, level: MockLogLevel): ReturnType<typeof createLogger> {
  const destination = linePrinter(apiName, (line) => process.stderr.write(`${line}\n`));
  return createLogger("MOCK", { level, redact: { paths: SECRET_PATHS, censor: "[redacted]" } }, destination);
}
