// The OpenAI chat.completions front door: what callers using the openai SDK, LangChain or the AI SDK send and read.
import type { Inbound } from '../types.ts';
import { parseChatRequest } from './parse.ts';
import { renderChatResponse, renderError } from './render.ts';
import { createStreamEncoder, streamError } from './stream-out.ts';

export const openaiInbound: Inbound = {
  parse: parseChatRequest,
  render: renderChatResponse,
  streamEncoder: createStreamEncoder,
  renderError,
  streamError,
};
