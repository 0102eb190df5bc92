import type { BundledSpec } from "./bundled.js";

/** Escapes one JSON pointer token. */
export const pointerToken = (token: string): string => token.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Follows local `$ref`s (`#/components/...`) of a bundled spec from `pointer`, and returns the
 * value found with the JSON pointer where it actually lives.
 */
export function resolvePointer<T = Record<string, unknown>>(spec: BundledSpec, pointer: string): { value: T; pointer: string } {
  let current = pointer;
  for (let hops = 0; hops < 32; hops++) {
    const value = current
      .split("/")
      .slice(1)
      .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token], spec);
    if (value === undefined) throw new Error(`nothing at ${current} in ${spec.info.title}`);
    const ref = (value as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== "string") return { value: value as T, pointer: current };
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are followed, got ${ref}`);
    current = ref.slice(1);
  }
  throw new Error("$ref chain too long");
}

/** Follows a local `$ref` of a bundled spec, repeatedly; other values pass through. */
export function deref<T = Record<string, unknown>>(spec: BundledSpec, value: unknown): T {
  const ref = (value as { $ref?: unknown } | null)?.$ref;
  if (typeof ref !== "string") return value as T;
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are followed, got ${ref}`);
  return resolvePointer<T>(spec, ref.slice(1)).value;
}
