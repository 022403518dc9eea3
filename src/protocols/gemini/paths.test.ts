import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AirlockError } from '../../core/errors.ts';
import { geminiCall } from './paths.ts';
import { renderGeminiModelPage } from './models.ts';

test('gemini paths: both API versions, every served method, the model percent-decoded', () => {
  assert.deepEqual(geminiCall('/v1beta/models/chat:generateContent'), { model: 'chat', method: 'generateContent' });
  assert.deepEqual(geminiCall('/v1/models/chat:streamGenerateContent'), { model: 'chat', method: 'streamGenerateContent' });
  assert.deepEqual(geminiCall('/v1beta/models/onprem%2Fllama3.1%3A8b:countTokens'), { model: 'onprem/llama3.1:8b', method: 'countTokens' });
  // a raw ':' in the model: the method is what follows the last one
  assert.deepEqual(geminiCall('/v1beta/models/llama3.1:8b:batchEmbedContents'), { model: 'llama3.1:8b', method: 'batchEmbedContents' });
  assert.deepEqual(geminiCall('/v1beta/tunedModels/mine:embedContent'), { model: 'mine', method: 'embedContent' });
});

test('gemini paths: lookups and other APIs are not method calls; unknown methods and empty models are errors', () => {
  assert.equal(geminiCall('/v1beta/models/chat'), null);
  assert.equal(geminiCall('/v1/models/gpt-4o'), null);
  assert.equal(geminiCall('/v1/chat/completions'), null);
  assert.throws(() => geminiCall('/v1beta/models/chat:predict'), (e: unknown) => e instanceof AirlockError && e.code === 'not_found' && /generateContent/.test(e.message));
  assert.throws(() => geminiCall('/v1beta/models/:generateContent'), (e: unknown) => e instanceof AirlockError && e.param === 'model');
  assert.throws(() => geminiCall('/v1beta/models/%E0%A4%A:generateContent'), (e: unknown) => e instanceof AirlockError && e.code === 'invalid_request');
});

test('gemini model pages: pageSize and the token the last page gave', () => {
  const names = ['a', 'b', 'c', 'd', 'e'];
  const first = renderGeminiModelPage(names, new URLSearchParams('pageSize=2'));
  assert.deepEqual((first.models as { name: string }[]).map((m) => m.name), ['models/a', 'models/b']);
  const token = first.nextPageToken as string;
  const second = renderGeminiModelPage(names, new URLSearchParams({ pageSize: '2', pageToken: token }));
  assert.deepEqual((second.models as { name: string }[]).map((m) => m.name), ['models/c', 'models/d']);
  const last = renderGeminiModelPage(names, new URLSearchParams({ pageSize: '2', pageToken: second.nextPageToken as string }));
  assert.deepEqual((last.models as { name: string }[]).map((m) => m.name), ['models/e']);
  assert.equal(last.nextPageToken, undefined);
  assert.equal((renderGeminiModelPage(names, new URLSearchParams()).models as unknown[]).length, 5);
  assert.throws(() => renderGeminiModelPage(names, new URLSearchParams('pageSize=0')), (e: unknown) => e instanceof AirlockError && e.param === 'pageSize');
  assert.throws(() => renderGeminiModelPage(names, new URLSearchParams('pageToken=bogus')), (e: unknown) => e instanceof AirlockError && e.param === 'pageToken');
});
