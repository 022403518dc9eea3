// The OpenAI protocol: chat.completions in and out, embeddings, and the model list.
import type { ProtocolCodec } from '../types.ts';
import { openaiEmbeddingsInbound } from './embeddings.ts';
import { openaiInbound } from './inbound.ts';
import { renderModel, renderModelList } from './models.ts';
import { openaiOutbound } from './outbound.ts';

export const openaiCodec: ProtocolCodec = { inbound: openaiInbound, outbound: openaiOutbound };
export { openaiEmbeddingsInbound, renderModel, renderModelList };
export type { EmbeddingsRenderMeta } from './embeddings.ts';
