/**
 * Which answer feeds which path parameter, derived from the spec alone: an operation on
 * `C/{p}` (or deeper, `C/{p}/renew`) addresses one item of the collection at path `C`. The
 * item's id comes from what a POST on `C` just created, or else from the first item a GET on
 * `C` listed; it is read from the answer under the parameter's own name (`region_id`) or `id`,
 * at the top of the body or inside a one-property envelope (`{"key": {"id": …}}`).
 */
import type { OperationInfo } from "@openregions/apis";

/** A path parameter that names an item of a collection. */
export interface ItemParameter {
  /** The collection's path template, e.g. `/v1/keys`. */
  readonly collection: string;
  /** The parameter's name, e.g. `id`. */
  readonly name: string;
}

/** The path parameters of an operation, each with the collection it indexes. */
export function itemParameters(op: Pick<OperationInfo, "path">): ItemParameter[] {
  const found: ItemParameter[] = [];
  for (const match of op.path.matchAll(/\/\{([^}]+)\}/g)) found.push({ collection: op.path.slice(0, match.index), name: match[1]! });
  return found;
}

/** The operations that create items of a collection: a POST on the collection's own path. */
export function creatorsOf(operations: readonly OperationInfo[], collection: string): OperationInfo[] {
  return operations.filter((op) => op.method === "post" && op.path === collection);
}

/** The parameter names the spec uses for items of `collection` (for `/v1/keys`: `id`). */
export function itemNames(operations: readonly OperationInfo[], collection: string): string[] {
  const names = new Set<string>();
  for (const op of operations) for (const parameter of itemParameters(op)) if (parameter.collection === collection) names.add(parameter.name);
  return [...names];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const asId = (value: unknown): string | undefined => (typeof value === "string" && value !== "") || typeof value === "number" ? String(value) : undefined;

/** The id of one item: under one of `names`, then `id`, at the top or inside a one-property envelope. */
export function idOf(item: unknown, names: readonly string[]): string | undefined {
  if (!isRecord(item)) return undefined;
  for (const name of [...names, "id"]) {
    const id = asId(item[name]);
    if (id !== undefined) return id;
  }
  const values = Object.values(item);
  return values.length === 1 && isRecord(values[0]) ? idOf(values[0], names) : undefined;
}

/** The first item of a listing: a bare array, or the one array of an envelope (`{"regions": [...]}`). */
export function firstItem(body: unknown): unknown {
  if (Array.isArray(body)) return body[0];
  if (!isRecord(body)) return undefined;
  const arrays = Object.values(body).filter(Array.isArray);
  return arrays.length === 1 ? arrays[0]![0] : undefined;
}

/** Where an id came from, for the report: "created by createKey" or "listed by listKeys". */
export interface KnownId {
  readonly value: string;
  readonly source: string;
}

/** What verify knows about a collection's items: an id to use, or that its listing was empty. */
export type KnownItem = (KnownId & { readonly created: boolean }) | { readonly empty: string };

/** The ids verify has learned, per collection path; a created id wins over a listed one. */
export class ResourceIds {
  readonly #items = new Map<string, KnownItem>();
  readonly #operations: readonly OperationInfo[];

  constructor(operations: readonly OperationInfo[]) {
    this.#operations = operations;
  }

  /** Reads what a 2xx answer tells about its collection: the created item, or the first listed one. */
  learn(op: OperationInfo, body: unknown): void {
    const created = op.method === "post";
    if (!created && op.method !== "get") return;
    const names = itemNames(this.#operations, op.path);
    if (names.length === 0) return;
    const previous = this.#items.get(op.path);
    if (!created && previous && "created" in previous && previous.created) return;
    const item = created ? body : firstItem(body);
    if (!created && item === undefined && hasEmptyList(body)) {
      this.#items.set(op.path, { empty: `${op.operationId} listed none` });
      return;
    }
    const id = idOf(item, names);
    if (id !== undefined) this.#items.set(op.path, { value: id, source: `${created ? "created" : "listed"} by ${op.operationId}`, created });
  }

  /** What is known of the items of `collection`; `createdOnly` for calls that change state (never a listed item). */
  get(collection: string, createdOnly = false): KnownItem | undefined {
    const known = this.#items.get(collection);
    if (!known || !createdOnly) return known;
    return "created" in known && known.created ? known : undefined;
  }
}

function hasEmptyList(body: unknown): boolean {
  if (Array.isArray(body)) return body.length === 0;
  if (!isRecord(body)) return false;
  const arrays = Object.values(body).filter(Array.isArray);
  return arrays.length === 1 && arrays[0]!.length === 0;
}
