/**
 * What the sandbox engine reads from a bundled spec: a route per operation (by its
 * `operationId`, matched on the path template), and the collections whose list, create, show,
 * update and delete operations share one resource. Nothing here names a platform.
 */
import { deref, listOperations, pointerToken, type BundledSpec, type OperationInfo } from "@openregions/apis/portable";
import { isObject, type JsonObject } from "./http-types.js";

export type Requirement = Readonly<Record<string, readonly string[]>>;

export interface SpecParameter {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  /** JSON pointer of the parameter's schema in the bundle, for validation. */
  readonly schemaPointer: string | undefined;
  readonly schema: JsonObject | undefined;
}

export type CollectionRole = "list" | "create" | "show" | "update" | "delete";

export interface Collection {
  /** Path template of the collection, e.g. `/v1/keys`. */
  readonly path: string;
  /** Name of the item path's parameter, e.g. `id` in `/v1/keys/{id}`. */
  readonly itemParam: string | undefined;
  /** The field of an item that the item path's parameter names. */
  readonly idField: string;
  /** Property of the list answer that holds the array; undefined for a bare array. */
  readonly listKey: string | undefined;
  /** Root key of a one-item answer (`key` in `{"key": {...}}`); undefined when the item is the body. */
  readonly itemKey: string | undefined;
  /** The list answer of the spec's example, kept for its other members (links, meta). */
  readonly listExample: unknown;
  /** The items the spec's examples show: the sandbox starts with them. */
  readonly seed: readonly JsonObject[];
  /** Whether the list takes `page` / `per_page` and answers `meta.pagination`. */
  readonly paginated: boolean;
  /**
   * For a list under an item (`/v1/scm_integrations/{id}/orgs`): the collection of that item
   * and the name of its path parameter. The list answers only while the item exists.
   */
  readonly parent?: { readonly collection: Collection; readonly param: string };
}

export interface SandboxOperation {
  readonly info: OperationInfo;
  readonly operationId: string;
  readonly parameters: readonly SpecParameter[];
  readonly security: readonly Requirement[];
  /** The first documented 2xx status (200 when the operation documents none). */
  readonly successStatus: number;
  /** False for an operation the spec documents only refusals for (a method the server never serves). */
  readonly servesSuccess: boolean;
  /** The example body of that success answer, if the spec has one. */
  readonly successExample: unknown;
  /** Every example body of that success answer. */
  readonly successExamples: readonly unknown[];
  /** Example values of the success answer's documented headers. */
  readonly successHeaders: Readonly<Record<string, string>>;
  readonly documentedStatuses: readonly number[];
  /** Media types the request body may have; empty when the operation takes none. */
  readonly requestMediaTypes: readonly string[];
  readonly requestBodyRequired: boolean;
  readonly collection: Collection | undefined;
  readonly role: CollectionRole | undefined;
}

export interface RouteMatch {
  readonly operation: SandboxOperation;
  readonly params: Readonly<Record<string, string>>;
}

export type RouteResult = RouteMatch | { readonly notFound: true } | { readonly methodNotAllowed: readonly string[] };

export interface SpecModel {
  readonly spec: BundledSpec;
  readonly operations: readonly SandboxOperation[];
  readonly collections: readonly Collection[];
  operation(operationId: string): SandboxOperation;
  route(method: string, path: string): RouteResult;
  /** The schema that a success answer's item has, resolved, for shaping stored items. */
  responseItemSchema(operation: SandboxOperation): JsonObject | undefined;
  /** An example item of that answer, for fields a stored item lacks. */
  responseItemExample(operation: SandboxOperation): JsonObject | undefined;
}

const resolve = (spec: BundledSpec, value: unknown): JsonObject | undefined => {
  const found = deref<unknown>(spec, value);
  return isObject(found) ? found : undefined;
};

/** Every example of a media type object: `example`, then the named examples' values. */
export function mediaExamples(spec: BundledSpec, media: JsonObject | undefined): unknown[] {
  if (!media) return [];
  const named = Object.values(resolve(spec, media["examples"]) ?? {}).map((example) => resolve(spec, example)?.["value"]);
  return [media["example"], ...named].filter((value) => value !== undefined);
}

/** The first example of a media type object: `example`, else the first named example's value. */
export function mediaExample(spec: BundledSpec, media: JsonObject | undefined): unknown {
  if (!media) return undefined;
  if (media["example"] !== undefined) return media["example"];
  const named = Object.values(resolve(spec, media["examples"]) ?? {})[0];
  return named === undefined ? undefined : resolve(spec, named)?.["value"];
}

function parametersOf(spec: BundledSpec, info: OperationInfo): SpecParameter[] {
  const pathItem = spec.paths[info.path] as { parameters?: unknown[] } | undefined;
  const pathPointer = `/paths/${pointerToken(info.path)}`;
  const entries = [
    ...(pathItem?.parameters ?? []).map((value, index) => ({ value, pointer: `${pathPointer}/parameters/${index}` })),
    ...((info.operation["parameters"] as unknown[] | undefined) ?? []).map((value, index) => ({
      value,
      pointer: `${pathPointer}/${info.method}/parameters/${index}`,
    })),
  ];
  return entries.map(({ value, pointer }) => {
    const ref = (value as { $ref?: string }).$ref;
    const parameter = resolve(spec, value) ?? {};
    const base = typeof ref === "string" ? ref.slice(1) : pointer;
    return {
      name: String(parameter["name"]),
      in: parameter["in"] as SpecParameter["in"],
      required: parameter["required"] === true,
      schemaPointer: parameter["schema"] ? `${base}/schema` : undefined,
      schema: resolve(spec, parameter["schema"]),
    };
  });
}

function successOf(spec: BundledSpec, info: OperationInfo) {
  const responses = (info.operation["responses"] ?? {}) as Record<string, unknown>;
  const statuses = Object.keys(responses).filter((key) => /^\d{3}$/.test(key)).map(Number);
  const served = statuses.find((code) => code >= 200 && code < 300);
  const status = served ?? 200;
  const response = resolve(spec, responses[String(status)]) ?? {};
  const content = resolve(spec, response["content"]);
  const media = content ? resolve(spec, Object.values(content)[0]) : undefined;
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(resolve(spec, response["headers"]) ?? {})) {
    const resolved = resolve(spec, header);
    const example = resolved?.["example"] ?? resolve(spec, resolved?.["schema"])?.["example"];
    if (example !== undefined) headers[name] = String(example);
  }
  return { status, served: served !== undefined, statuses, media, example: mediaExample(spec, media), examples: mediaExamples(spec, media), headers };
}

/** Properties of an object schema, through `allOf`. */
export function propertiesOf(spec: BundledSpec, schema: JsonObject | undefined): Record<string, JsonObject> {
  if (!schema) return {};
  const own = Object.fromEntries(Object.entries(resolve(spec, schema["properties"]) ?? {}).map(([name, value]) => [name, resolve(spec, value) ?? {}]));
  const inherited = ((schema["allOf"] as unknown[] | undefined) ?? []).map((part) => propertiesOf(spec, resolve(spec, part)));
  return Object.assign({}, ...inherited, own);
}

const isArraySchema = (schema: JsonObject | undefined): boolean => [schema?.["type"]].flat().includes("array");

/** Where the array of a list answer is: the body itself, or one of its properties. */
function listShape(spec: BundledSpec, schema: JsonObject | undefined): { listKey: string | undefined; items: JsonObject | undefined } | undefined {
  if (!schema) return undefined;
  if (isArraySchema(schema)) return { listKey: undefined, items: resolve(spec, schema["items"]) };
  const arrays = Object.entries(propertiesOf(spec, schema)).filter(([, value]) => isArraySchema(value));
  if (arrays.length !== 1) return undefined;
  const [listKey, array] = arrays[0]!;
  return { listKey, items: resolve(spec, array["items"]) };
}

/** The root key of a one-item answer: an object with exactly one required object property. */
function itemKeyOf(spec: BundledSpec, schema: JsonObject | undefined): string | undefined {
  if (!schema) return undefined;
  const properties = Object.entries(propertiesOf(spec, schema));
  if (properties.length !== 1) return undefined;
  const [name, value] = properties[0]!;
  return value["type"] === "object" || value["properties"] || value["allOf"] ? name : undefined;
}

const templateRegex = (template: string): RegExp =>
  new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, "(?<$1>[^/]+)").replace(/-/g, "\\-")}/?$`);

const paramNames = (template: string): string[] => [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);

interface Draft {
  info: OperationInfo;
  parameters: SpecParameter[];
  success: ReturnType<typeof successOf>;
  schema: JsonObject | undefined;
}

function collectionsOf(spec: BundledSpec, drafts: Draft[]): Map<Draft, { collection: Collection; role: CollectionRole }> {
  const roles = new Map<Draft, { collection: Collection; role: CollectionRole }>();
  const at = (path: string, method: string) => drafts.find((draft) => draft.info.path === path && draft.info.method === method && draft.success.served);
  const topLevel = [...new Set(drafts.map((draft) => draft.info.path))].filter((path) => paramNames(path).length === 0);
  for (const path of topLevel) {
    const list = at(path, "get");
    const create = at(path, "post");
    const shape = list ? listShape(spec, list.success.media ? resolve(spec, list.success.media["schema"]) : undefined) : undefined;
    const itemPath = [...new Set(drafts.map((draft) => draft.info.path))].find((candidate) => {
      const rest = candidate.slice(path.length);
      return candidate.startsWith(path) && /^\/\{[^}/]+\}$/.test(rest);
    });
    if (!shape && !(create && itemPath)) continue;
    const show = itemPath ? at(itemPath, "get") : undefined;
    const itemParam = itemPath ? paramNames(itemPath)[0] : undefined;
    const itemSource = show ?? create;
    const itemKey = itemSource ? itemKeyOf(spec, itemSource.schema) : undefined;
    const listExample = list?.success.example;
    const itemsOf = (example: unknown): JsonObject[] => {
      const listed = shape?.listKey === undefined ? example : isObject(example) ? example[shape.listKey] : undefined;
      return (Array.isArray(listed) ? listed : []).filter(isObject);
    };
    const shown = itemSource?.success.example;
    const shownItem = itemKey ? (isObject(shown) ? shown[itemKey] : undefined) : shown;
    const everyListed = (list?.success.examples ?? []).flatMap(itemsOf);
    const idField = itemParam && [...everyListed, shownItem].some((item) => isObject(item) && itemParam in item) ? itemParam : "id";
    // Every list example's items, once each: a second example (another vendor's sample) may name items the first lacks.
    const listedItems = everyListed.filter((item, i) => !(idField in item) || everyListed.findIndex((other) => other[idField] === item[idField]) === i);
    // The one-item example joins the seed when it is another item, so its path example resolves.
    const shownIsNew = isObject(shownItem) && idField in shownItem && !listedItems.some((item) => item[idField] === shownItem[idField]);
    const seed = shownIsNew ? [...listedItems, shownItem] : listedItems.length > 0 ? listedItems : isObject(shownItem) ? [shownItem] : [];
    const names = new Set(list?.parameters.filter((parameter) => parameter.in === "query").map((parameter) => parameter.name));
    const listSchema = list?.success.media ? resolve(spec, list.success.media["schema"]) : undefined;
    const collection: Collection = {
      path,
      itemParam,
      idField,
      listKey: shape?.listKey,
      itemKey,
      listExample,
      seed,
      paginated: names.has("page") && names.has("per_page") && "meta" in propertiesOf(spec, listSchema),
    };
    if (list && shape) roles.set(list, { collection, role: "list" });
    if (create) roles.set(create, { collection, role: "create" });
    if (itemPath) {
      for (const [method, role] of [["get", "show"], ["patch", "update"], ["put", "update"], ["delete", "delete"]] as const) {
        const draft = at(itemPath, method);
        if (draft) roles.set(draft, { collection, role });
      }
    }
  }
  addNestedLists(spec, drafts, roles);
  return roles;
}

/** Read-only lists under an item of a collection: seeded from their example, paginated like any list. */
function addNestedLists(spec: BundledSpec, drafts: Draft[], roles: Map<Draft, { collection: Collection; role: CollectionRole }>): void {
  const parents = [...new Set([...roles.values()].map((entry) => entry.collection))].filter((collection) => collection.itemParam);
  for (const draft of drafts) {
    if (draft.info.method !== "get" || roles.has(draft)) continue;
    const parent = parents.find((collection) => new RegExp(`^${collection.path}/\\{${collection.itemParam}\\}/[^{}/]+$`).test(draft.info.path));
    const shape = parent ? listShape(spec, draft.schema) : undefined;
    if (!parent || !shape) continue;
    const example = draft.success.example;
    const listed = shape.listKey === undefined ? example : isObject(example) ? example[shape.listKey] : undefined;
    const names = new Set(draft.parameters.filter((parameter) => parameter.in === "query").map((parameter) => parameter.name));
    const collection: Collection = {
      path: draft.info.path,
      itemParam: undefined,
      idField: "id",
      listKey: shape.listKey,
      itemKey: undefined,
      listExample: example,
      seed: (Array.isArray(listed) ? listed : []).filter(isObject),
      paginated: names.has("page") && names.has("per_page") && "meta" in propertiesOf(spec, draft.schema),
      parent: { collection: parent, param: parent.itemParam! },
    };
    roles.set(draft, { collection, role: "list" });
  }
}

export function buildSpecModel(spec: BundledSpec): SpecModel {
  const drafts: Draft[] = listOperations(spec).map((info) => {
    const success = successOf(spec, info);
    return { info, parameters: parametersOf(spec, info), success, schema: success.media ? resolve(spec, success.media["schema"]) : undefined };
  });
  const roles = collectionsOf(spec, drafts);
  const globalSecurity = (spec["security"] ?? []) as Requirement[];
  const operations = drafts.map((draft): SandboxOperation => {
    const requestBody = resolve(spec, draft.info.operation["requestBody"]);
    const role = roles.get(draft);
    return {
      info: draft.info,
      operationId: draft.info.operationId,
      parameters: draft.parameters,
      security: (draft.info.operation["security"] as Requirement[] | undefined) ?? globalSecurity,
      successStatus: draft.success.status,
      servesSuccess: draft.success.served,
      successExample: draft.success.example,
      successExamples: draft.success.examples,
      successHeaders: draft.success.headers,
      documentedStatuses: draft.success.statuses,
      requestMediaTypes: Object.keys(resolve(spec, requestBody?.["content"]) ?? {}),
      requestBodyRequired: requestBody?.["required"] === true,
      collection: role?.collection,
      role: role?.role,
    };
  });
  const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
  // Literal segments win over parameters (`/v1/tokens/exchange` before `/v1/tokens/{id}`).
  const templates = [...new Set(operations.map((operation) => operation.info.path))]
    .sort((a, b) => paramNames(a).length - paramNames(b).length || b.length - a.length)
    .map((template) => ({ template, regex: templateRegex(template) }));
  const schemaOf = (operation: SandboxOperation) => drafts.find((draft) => draft.info === operation.info)?.schema;

  return {
    spec,
    operations,
    collections: [...new Set([...roles.values()].map((entry) => entry.collection))],
    operation(operationId) {
      const found = byId.get(operationId);
      if (!found) throw new Error(`the spec has no operation "${operationId}"`);
      return found;
    },
    route(method, path) {
      for (const { template, regex } of templates) {
        const match = regex.exec(path);
        if (!match) continue;
        const candidates = operations.filter((operation) => operation.info.path === template);
        const operation = candidates.find((candidate) => candidate.info.method === method.toLowerCase());
        if (!operation) return { methodNotAllowed: candidates.map((candidate) => candidate.info.method.toUpperCase()) };
        const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]));
        return { operation, params };
      }
      return { notFound: true };
    },
    responseItemSchema(operation) {
      const schema = schemaOf(operation);
      if (operation.role === "list") return listShape(spec, schema)?.items;
      const key = operation.collection?.itemKey;
      return key ? propertiesOf(spec, schema)[key] : schema;
    },
    responseItemExample(operation) {
      const example = operation.successExample;
      if (operation.role === "list") {
        const key = operation.collection?.listKey;
        const list = key === undefined ? example : isObject(example) ? example[key] : undefined;
        return Array.isArray(list) && isObject(list[0]) ? list[0] : undefined;
      }
      const key = operation.collection?.itemKey;
      const item = key ? (isObject(example) ? example[key] : undefined) : example;
      return isObject(item) ? item : undefined;
    },
  };
}
