/** Tiny readers for parsed JSON bodies, shared by the error factory and every API entry. */

export type JsonObject = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** A string with something in it, trimmed; else undefined. */
export const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

/** `text`, or a finite number as a string (error codes come as both). */
export const scalar = (value: unknown): string | undefined => (typeof value === "number" && Number.isFinite(value) ? String(value) : text(value));
