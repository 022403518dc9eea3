export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Optional fields as vendors send them: absent, null, or a value of the type. The hand-written chunk guards check
// with these before handing anything odd to zod.

/** undefined or null */
export function isNil(v: unknown): v is undefined | null {
  return v === undefined || v === null;
}

export function isOptString(v: unknown): boolean {
  return isNil(v) || typeof v === 'string';
}

/** finite, as zod's z.number() wants: JSON.parse reads 1e400 as Infinity */
export function isOptNumber(v: unknown): boolean {
  return isNil(v) || (typeof v === 'number' && Number.isFinite(v));
}

export function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

/** an array whose every item passes `ok` */
export function isArrayOf(v: unknown, ok: (item: unknown) => boolean): boolean {
  if (!Array.isArray(v)) return false;
  for (const item of v) if (!ok(item)) return false;
  return true;
}

/** zod's z.json() nests through arrays and records; deeper than this, the hand-written guards leave it to zod */
const JSON_DEPTH = 64;

/** a plain object, as JSON.parse makes them; anything else (a Map, a class instance) is zod's to judge */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** What z.json() accepts, for what a body read from HTTP holds: finite numbers, plain objects, no undefined. False
 * beyond JSON_DEPTH levels, where the guards leave it to zod. */
export function isJsonValue(v: unknown, depth = 0): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object':
      if (v === null) return true;
      if (depth >= JSON_DEPTH) return false;
      if (Array.isArray(v)) return v.every((x) => isJsonValue(x, depth + 1));
      return isPlainObject(v) && Object.values(v).every((x) => isJsonValue(x, depth + 1));
    default:
      return false;
  }
}
