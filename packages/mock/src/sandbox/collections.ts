/**
 * The behaviour every collection gets from the spec alone: list (filtered by query parameters
 * that name a field, paginated where the spec has `page` / `per_page`), create (with generated
 * ids and timestamps), show, update and delete, with the spec's 404 for a missing item.
 */
import { ISO_DATE_TIME, idLike, isoAt } from "./generate.js";
import { isObject, type JsonObject, type SandboxResponse } from "./http-types.js";
import type { HandlerInput, Platform } from "./platform.js";
import { propertiesOf, type Collection, type SandboxOperation } from "./spec-model.js";

const PAGE_PARAMETERS = new Set(["page", "per_page"]);

/** An item as an operation's answer describes it: only its documented fields, required ones filled from the example. */
export function shapeItem(input: HandlerInput, operation: SandboxOperation, item: JsonObject): JsonObject {
  const { model } = input.context;
  const schema = model.responseItemSchema(operation);
  const properties = propertiesOf(model.spec, schema);
  if (Object.keys(properties).length === 0) return item;
  const required = new Set((schema?.["required"] as string[] | undefined) ?? []);
  const example = model.responseItemExample(operation) ?? {};
  const shaped: JsonObject = {};
  for (const name of Object.keys(properties)) {
    if (name in item) shaped[name] = item[name];
    else if (required.has(name) && name in example) shaped[name] = example[name];
  }
  return shaped;
}

function envelope(collection: Collection, item: JsonObject): unknown {
  return collection.itemKey ? { [collection.itemKey]: item } : item;
}

/** The fields a create or update sends: unwrapped from `{"key": {...}}` when the body is rooted. */
export function sentFields(collection: Collection, body: unknown): JsonObject {
  if (!isObject(body)) return {};
  const key = collection.itemKey;
  if (key && isObject(body[key]) && Object.keys(body).length === 1) return { ...body[key] };
  return { ...body };
}

function findItem(platform: Platform, collection: Collection, items: JsonObject[], param: string): number {
  return items.findIndex((item) => String(item[collection.idField]) === param || (platform.matches?.(collection, item, param) ?? false));
}

function notFound(platform: Platform, input: HandlerInput): SandboxResponse {
  const resource = input.operation.collection?.itemKey ?? input.operation.collection?.idField;
  return platform.error({ kind: "not-found", status: 404, message: "not found", resource, operation: input.operation });
}

function paginate(input: HandlerInput, items: JsonObject[]): { page: JsonObject[]; meta: JsonObject } {
  const perPageParameter = input.operation.parameters.find((parameter) => parameter.name === "per_page");
  const fallback = Number(perPageParameter?.schema?.["default"] ?? (items.length || 1));
  const perPage = Math.max(1, Number(input.valid.query["per_page"] ?? fallback));
  const current = Math.max(1, Number(input.valid.query["page"] ?? 1));
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const page = items.slice((current - 1) * perPage, current * perPage);
  return {
    page,
    meta: {
      pagination: {
        prev_page: current > 1 ? Math.min(current - 1, totalPages) : null,
        current_page: current,
        next_page: current < totalPages ? current + 1 : null,
        total_pages: totalPages,
        total_count: items.length,
      },
    },
  };
}

function list(input: HandlerInput, collection: Collection, platform: Platform): SandboxResponse {
  const { parent } = collection;
  if (parent && findItem(platform, parent.collection, input.context.state.items(parent.collection.path), input.valid.params[parent.param] ?? "") < 0) {
    return platform.error({ kind: "not-found", status: 404, message: "not found", resource: parent.collection.itemKey ?? parent.collection.idField, operation: input.operation });
  }
  const filters = Object.entries(input.valid.query).filter(([name]) => !PAGE_PARAMETERS.has(name));
  const items = input.context.state
    .items(collection.path)
    .filter((item) => filters.every(([name, value]) => !(name in item) || String(item[name]) === String(value)));
  const shaped = (subset: JsonObject[]) => subset.map((item) => shapeItem(input, input.operation, item));
  if (collection.listKey === undefined) return { status: input.operation.successStatus, body: shaped(items) };
  const base = isObject(collection.listExample) ? { ...collection.listExample } : {};
  if (!collection.paginated) return { status: input.operation.successStatus, body: { ...base, [collection.listKey]: shaped(items) } };
  const { page, meta } = paginate(input, items);
  return { status: input.operation.successStatus, body: { ...base, [collection.listKey]: shaped(page), meta } };
}

/** A new item: the sent fields over the example's, a fresh id, and now for the example's timestamps. */
function newItem(input: HandlerInput, collection: Collection, fields: JsonObject): JsonObject {
  const { model, state } = input.context;
  const example = model.responseItemExample(input.operation) ?? collection.seed[0] ?? {};
  const properties = propertiesOf(model.spec, model.responseItemSchema(input.operation));
  const now = isoAt(state.now());
  const item: JsonObject = {};
  for (const [name, value] of Object.entries(example)) {
    if (name === collection.idField) item[name] = idLike(value, state.nextCounter());
    else if (typeof value === "string" && (properties[name]?.["format"] === "date-time" || ISO_DATE_TIME.test(value))) item[name] = now;
    else item[name] = structuredClone(value);
  }
  const sentId = fields[collection.idField];
  const taken = typeof sentId === "string" && state.items(collection.path).some((other) => other[collection.idField] === sentId);
  Object.assign(item, fields);
  if (sentId === undefined || taken) item[collection.idField] = idLike(example[collection.idField], state.nextCounter());
  return item;
}

function create(input: HandlerInput, collection: Collection, platform: Platform): SandboxResponse {
  const item = newItem(input, collection, sentFields(collection, input.valid.body));
  const refused = platform.beforeCreate?.(collection, item, input);
  if (refused) return refused;
  input.context.state.items(collection.path).push(item);
  return { status: input.operation.successStatus, body: envelope(collection, shapeItem(input, input.operation, item)) };
}

function itemParam(input: HandlerInput, collection: Collection): string {
  return input.valid.params[collection.itemParam ?? ""] ?? "";
}

function show(input: HandlerInput, collection: Collection, platform: Platform): SandboxResponse {
  const items = input.context.state.items(collection.path);
  const index = findItem(platform, collection, items, itemParam(input, collection));
  if (index < 0) return notFound(platform, input);
  return { status: input.operation.successStatus, body: envelope(collection, shapeItem(input, input.operation, items[index]!)) };
}

function update(input: HandlerInput, collection: Collection, platform: Platform): SandboxResponse {
  const items = input.context.state.items(collection.path);
  const index = findItem(platform, collection, items, itemParam(input, collection));
  if (index < 0) return notFound(platform, input);
  const { [collection.idField]: _ignoredId, ...fields } = sentFields(collection, input.valid.body);
  const item = Object.assign(items[index]!, fields);
  return { status: input.operation.successStatus, body: envelope(collection, shapeItem(input, input.operation, item)) };
}

function remove(input: HandlerInput, collection: Collection, platform: Platform): SandboxResponse {
  const items = input.context.state.items(collection.path);
  const index = findItem(platform, collection, items, itemParam(input, collection));
  if (index < 0) return notFound(platform, input);
  const [item] = items.splice(index, 1);
  platform.afterDelete?.(collection, item!, input);
  // Some servers answer a delete with the deleted item (Rainbond's v2); most with no body.
  if (input.operation.successExample === undefined) return { status: input.operation.successStatus };
  return { status: input.operation.successStatus, body: envelope(collection, shapeItem(input, input.operation, item!)) };
}

/** The generic answer of a collection operation; undefined when the operation is not one. */
export function collectionResponse(input: HandlerInput, platform: Platform): SandboxResponse | undefined {
  const { collection, role } = input.operation;
  if (!collection || !role) return undefined;
  switch (role) {
    case "list":
      return list(input, collection, platform);
    case "create":
      return create(input, collection, platform);
    case "show":
      return show(input, collection, platform);
    case "update":
      return update(input, collection, platform);
    case "delete":
      return remove(input, collection, platform);
  }
}

/** The seed of every collection: the items of the spec's examples. */
export function seedCollections(collections: readonly Collection[]): Record<string, JsonObject[]> {
  return Object.fromEntries(collections.map((collection) => [collection.path, structuredClone([...collection.seed])]));
}
