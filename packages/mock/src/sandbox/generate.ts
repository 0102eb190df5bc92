import { randomBytes, randomUUID } from "node:crypto";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const hex = (length: number): string => randomBytes(Math.ceil(length / 2)).toString("hex").slice(0, length);

/** A new id shaped like the spec's example id: a UUID, n hex digits, `us-<uuid>`, or a counter. */
export function idLike(example: unknown, counter: number): string {
  const text = typeof example === "string" ? example : "";
  if (UUID.test(text)) return randomUUID();
  if (/^[0-9a-f]{8,}$/i.test(text)) return hex(text.length);
  const prefixed = /^([a-z]+-)(.+)$/i.exec(text);
  if (prefixed && UUID.test(prefixed[2]!)) return `${prefixed[1]}${randomUUID()}`;
  if (typeof example === "number" || /^\d+$/.test(text)) return String(counter);
  return text ? `${text}-${counter}` : randomUUID();
}

/** A random secret: a prefix followed by URL-safe characters. */
export function secret(prefix: string, length: number): string {
  return `${prefix}${randomBytes(length).toString("base64url").slice(0, length)}`;
}

export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO 8601 with milliseconds and a zone, the way the platforms write dates. */
export const isoAt = (ms: number): string => new Date(ms).toISOString();
