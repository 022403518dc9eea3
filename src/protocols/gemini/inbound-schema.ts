// Zod shapes of what a Gemini caller sends to :generateContent, :streamGenerateContent and :countTokens
// (https://ai.google.dev/api/generate-content#request-body; @google/genai's GenerateContentParameters, which the SDK
// turns into this camelCase REST body). Only JSON types are checked here. Which parts, tools and settings Airlock
// serves is decided in inbound.ts, so that an unserved one is refused by name instead of reported as malformed: parts
// and tools are loose for that reason. Optional fields are nullish because proto3 JSON reads null as "unset".
import { z } from 'zod';
import { AirlockError } from '../../core/errors.ts';

export type Path = readonly (string | number)[];

const jsonObject = z.record(z.string(), z.json());

export const blobSchema = z.looseObject({ mimeType: z.string().min(1), data: z.string().min(1) });
export const fileDataSchema = z.looseObject({ fileUri: z.string().min(1), mimeType: z.string().nullish() });
export type WireBlob = z.output<typeof blobSchema>;
export type WireFileData = z.output<typeof fileDataSchema>;

const functionCall = z.looseObject({ name: z.string().min(1), args: jsonObject.nullish(), id: z.string().nullish() });

/** FunctionResponsePart: what a tool returned besides its response object (Gemini 3's multimodal function responses) */
const responseMedia = z.looseObject({ inlineData: blobSchema.nullish(), fileData: fileDataSchema.nullish() });

const functionResponse = z.looseObject({
  name: z.string().min(1),
  response: jsonObject.nullish(),
  id: z.string().nullish(),
  parts: z.array(responseMedia).nullish(),
});
export type WireFunctionResponse = z.output<typeof functionResponse>;

export const partSchema = z.looseObject({
  text: z.string().nullish(),
  thought: z.boolean().nullish(),
  thoughtSignature: z.string().nullish(),
  inlineData: blobSchema.nullish(),
  fileData: fileDataSchema.nullish(),
  functionCall: functionCall.nullish(),
  functionResponse: functionResponse.nullish(),
});
export type WirePart = z.output<typeof partSchema>;

// 'function' and 'tool' are older names for the user side that carries function responses
const contentSchema = z.looseObject({
  role: z.enum(['user', 'model', 'function', 'tool']).nullish(),
  parts: z.array(partSchema).min(1),
});
export type WireContent = z.output<typeof contentSchema>;

// the REST API takes a Content; @google/genai callers may hand the SDK a string, and REST callers do the same
const systemSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { parts: [{ text: v }] } : v),
  z.looseObject({ role: z.string().nullish(), parts: z.array(partSchema) }),
);

const TYPES = new Set(['TYPE_UNSPECIFIED', 'STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'ARRAY', 'OBJECT', 'NULL']);
// proto3 JSON writes int64 as a string; the SDK's Schema types minItems and the like so
const int64 = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), z.int().nonnegative());

/**
 * Gemini's OpenAPI-subset Schema (https://ai.google.dev/api/caching#Schema). Keys it does not list are JSON values,
 * kept as they are: @google/genai copies JSON Schema keywords it does not know into this object.
 */
export const openApiSchema = z
  .object({
    type: z.string().refine((t) => TYPES.has(t.toUpperCase()), 'expected one of STRING, NUMBER, INTEGER, BOOLEAN, ARRAY, OBJECT, NULL').nullish(),
    nullable: z.boolean().nullish(),
    get properties() {
      return z.record(z.string(), openApiSchema).nullish();
    },
    get items() {
      return openApiSchema.nullish();
    },
    get anyOf() {
      return z.array(openApiSchema).nullish();
    },
    required: z.array(z.string()).nullish(),
    enum: z.array(z.string()).nullish(),
    description: z.string().nullish(),
    format: z.string().nullish(),
    title: z.string().nullish(),
    pattern: z.string().nullish(),
    minimum: z.number().nullish(),
    maximum: z.number().nullish(),
    minItems: int64.nullish(),
    maxItems: int64.nullish(),
    minLength: int64.nullish(),
    maxLength: int64.nullish(),
    minProperties: int64.nullish(),
    maxProperties: int64.nullish(),
    propertyOrdering: z.array(z.string()).nullish(),
  })
  .catchall(z.json());
export type WireSchema = z.output<typeof openApiSchema>;

const functionDeclaration = z.looseObject({
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: openApiSchema.nullish(),
  parametersJsonSchema: jsonObject.nullish(),
});
export type WireFunctionDeclaration = z.output<typeof functionDeclaration>;

// any other key is a built-in tool (googleSearch, codeExecution, …), refused by name in inbound.ts
const toolSchema = z.looseObject({ functionDeclarations: z.array(functionDeclaration).nullish() });
export type WireTool = z.output<typeof toolSchema>;

const toolConfigSchema = z.looseObject({
  functionCallingConfig: z
    .looseObject({
      mode: z.enum(['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED']).nullish(),
      allowedFunctionNames: z.array(z.string()).nullish(),
    })
    .nullish(),
});
export type WireToolConfig = z.output<typeof toolConfigSchema>;

const generationConfigShape = {
  temperature: z.number().min(0).max(2).nullish(),
  topP: z.number().min(0).max(1).nullish(),
  maxOutputTokens: z.int().min(1).nullish(),
  stopSequences: z.array(z.string()).nullish(),
  candidateCount: z.int().min(1).nullish(),
  responseMimeType: z.string().nullish(),
  responseSchema: openApiSchema.nullish(),
  responseJsonSchema: jsonObject.nullish(),
  responseLogprobs: z.boolean().nullish(),
  logprobs: z.int().nullish(),
};
/** The generationConfig fields the canonical form maps; the rest go to Gemini-protocol vendors only. */
export const MAPPED_CONFIG: ReadonlySet<string> = new Set(Object.keys(generationConfigShape));
const generationConfigSchema = z.object(generationConfigShape).catchall(z.json());
export type WireGenerationConfig = z.output<typeof generationConfigSchema>;

const requestShape = {
  // the URL names the model; some clients repeat it here
  model: z.string().nullish(),
  contents: z.array(contentSchema).min(1),
  systemInstruction: systemSchema.nullish(),
  tools: z.array(toolSchema).nullish(),
  toolConfig: toolConfigSchema.nullish(),
  generationConfig: generationConfigSchema.nullish(),
  safetySettings: z.array(jsonObject).nullish(),
  labels: z.record(z.string(), z.string()).nullish(),
  serviceTier: z.string().nullish(),
  store: z.boolean().nullish(),
  // state kept at the vendor: refused in inbound.ts when set
  cachedContent: z.string().nullish(),
  continuationToken: z.string().nullish(),
};
export const requestSchema = z.object(requestShape);
export type WireRequest = z.output<typeof requestSchema>;
export const REQUEST_KEYS: ReadonlySet<string> = new Set(Object.keys(requestShape));
export const COUNT_KEYS: ReadonlySet<string> = new Set(['contents', 'generateContentRequest']);

export function invalid(at: Path, message: string): AirlockError {
  const param = at.join('.');
  return new AirlockError('invalid_request', param === '' ? message : `invalid value for '${param}': ${message}`, { param: param === '' ? null : param });
}

export function unsupported(at: Path, message: string): AirlockError {
  const param = at.join('.');
  return new AirlockError('unsupported_parameter', `'${param}': ${message}`, { param });
}

/**
 * `value` against `schema`, or invalid_request naming the first wrong field by its dotted path under `at`. Like
 * openai/request-error.ts, but with the dotted paths the Gemini API's own errors use; zod never quotes the value.
 */
export function checked<S extends z.ZodType>(schema: S, value: unknown, at: Path): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [...at, ...(issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol')];
  throw invalid(path, issue?.message ?? 'invalid value');
}

/** Refuses a key outside `known`; snake_case spellings (the REST docs' curl examples) are told their camelCase name. */
export function knownKeys(body: Record<string, unknown>, known: ReadonlySet<string>, at: Path): void {
  for (const key of Object.keys(body)) {
    if (known.has(key)) continue;
    const param = [...at, key].join('.');
    throw new AirlockError('invalid_request', `unknown parameter '${param}'${camelHint(key, known)}`, { param });
  }
}

export function camelHint(key: string, known: ReadonlySet<string>): string {
  const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return camel !== key && known.has(camel) ? ` (Airlock reads the camelCase names: '${camel}')` : '';
}
