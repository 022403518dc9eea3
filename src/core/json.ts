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
