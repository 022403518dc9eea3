// Shared by the Gemini inbound parse tests (inbound.test.ts, inbound-tools.test.ts).
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../core/canonical.ts';
import { AirlockError, type ErrorCode } from '../../core/errors.ts';
import { parseGenerateContent } from './inbound.ts';

export const user = (...parts: unknown[]) => ({ role: 'user', parts });
export const modelTurn = (...parts: unknown[]) => ({ role: 'model', parts });
export const call = (name: string, args?: unknown, id?: string) => ({ functionCall: { name, ...(args === undefined ? {} : { args }), ...(id === undefined ? {} : { id }) } });
export const answer = (name: string, response?: unknown, id?: string) => ({ functionResponse: { name, ...(response === undefined ? {} : { response }), ...(id === undefined ? {} : { id }) } });
export const hi = [user({ text: 'hi' })];

export function parse(body: Record<string, unknown>, stream = false): ChatRequest {
  return parseGenerateContent(body, 'smart', stream);
}

export function refusal(run: () => unknown): AirlockError {
  try {
    run();
  } catch (err) {
    if (err instanceof AirlockError) return err;
    throw err;
  }
  assert.fail('expected a refusal');
}

export function refused(body: unknown, code: ErrorCode, param: string | null): AirlockError {
  const err = refusal(() => parseGenerateContent(body, 'smart', false));
  assert.equal(err.code, code, err.message);
  assert.equal(err.param, param, err.message);
  return err;
}
