// Fields a caller sent that the canonical form has no place for travel in `passthrough`, and reach only a
// vendor of the caller's own protocol. Shared by the outbound codecs so they agree on the rules.
import type { ChatRequest, Protocol } from '../core/canonical.ts';
import { AirlockError } from '../core/errors.ts';
import { isJsonObject, type JsonObject } from '../core/json.ts';

/** Passthrough fields fill gaps only; `nested` merges one level deep so a caller's extra sub-field survives beside ours. */
export function mergePassthrough(req: ChatRequest, body: JsonObject, own: Protocol, nested: string): void {
  if (req.passthrough.protocol !== own) return;
  for (const [key, value] of Object.entries(req.passthrough.fields)) {
    const ours = body[key];
    if (ours === undefined) body[key] = value;
    else if (key === nested && isJsonObject(ours) && isJsonObject(value)) body[key] = { ...value, ...ours };
  }
}

/** A vendor-defined tool (ToolDef.vendorDefined) has no schema another protocol could send: skip this target. */
export function rejectVendorTools(req: ChatRequest, own: Protocol): void {
  const i = req.tools.findIndex((t) => t.vendorDefined !== undefined && t.vendorDefined.protocol !== own);
  if (i === -1) return;
  const type = req.tools[i]?.vendorDefined?.definition.type;
  throw new AirlockError('unsupported_parameter', `tools.${i}: a vendor-defined tool (${typeof type === 'string' ? type : 'unknown type'}) runs only on its own vendor's protocol`, { param: `tools.${i}` });
}

/** OpenAI log probabilities have nowhere to go in the canonical answer, so only an OpenAI vendor may serve them. */
export function rejectLogprobs(req: ChatRequest): void {
  const { protocol, fields } = req.passthrough;
  if (protocol === 'openai' && (Boolean(fields.logprobs) || (fields.top_logprobs !== undefined && fields.top_logprobs !== null))) {
    throw new AirlockError('unsupported_parameter', 'logprobs are not supported by this target', { param: 'logprobs' });
  }
}
