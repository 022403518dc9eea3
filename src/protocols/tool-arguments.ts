// Canonical tool-call arguments are JSON text (byte-exact, as OpenAI carries them); Anthropic and Gemini want an
// object. One conversion, shared by both outbound codecs, so they agree on what is refused.
import { AirlockError } from '../core/errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.ts';

export function argumentsObject(args: string): JsonObject {
  // some vendors stream a no-argument call as empty text rather than {}
  if (args.trim() === '') return {};
  let value: JsonValue;
  try {
    value = JSON.parse(args) as JsonValue;
  } catch {
    value = null;
  }
  if (!isJsonObject(value)) throw new AirlockError('invalid_request', 'tool call arguments must be a JSON object', { param: 'messages' });
  return value;
}
