import type { BundledSpec } from "./bundled.js";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** An operation of a bundled spec, flattened for tests, docs and samples. */
export interface OperationInfo {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly operation: Record<string, unknown>;
}

/** Every operation of the spec, in document order. */
export function listOperations(spec: BundledSpec): OperationInfo[] {
  const operations: OperationInfo[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      operations.push({
        operationId: String(operation["operationId"]),
        method,
        path,
        summary: String(operation["summary"] ?? ""),
        tags: (operation["tags"] as string[] | undefined) ?? [],
        operation,
      });
    }
  }
  return operations;
}
