// What Airlock reads from an OpenAI-protocol vendor's answers. Deliberately loose: OpenAI-compatible servers
// (vLLM, Ollama, llama.cpp, Groq…) omit or null fields OpenAI always sends, and extra fields are ignored.
import { z } from 'zod';

export const vendorUsage = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  prompt_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
});
export type VendorUsage = z.infer<typeof vendorUsage>;

const toolCall = z.looseObject({
  id: z.string(),
  function: z.looseObject({ name: z.string(), arguments: z.string().nullish() }),
});

export const vendorCompletion = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z.array(
    z.looseObject({
      index: z.number().nullish(),
      message: z.looseObject({
        content: z.string().nullish(),
        refusal: z.string().nullish(),
        tool_calls: z.array(toolCall).nullish(),
      }),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: vendorUsage.nullish(),
});
export type VendorCompletion = z.infer<typeof vendorCompletion>;

const deltaToolCall = z.looseObject({
  index: z.number().nullish(),
  id: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});
export type DeltaToolCall = z.infer<typeof deltaToolCall>;

export const vendorChunk = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().nullish(),
        delta: z
          .looseObject({
            content: z.string().nullish(),
            refusal: z.string().nullish(),
            tool_calls: z.array(deltaToolCall).nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: vendorUsage.nullish(),
});
export type VendorChunk = z.infer<typeof vendorChunk>;

export const vendorError = z.looseObject({
  error: z.looseObject({
    message: z.string().nullish(),
    type: z.string().nullish(),
    param: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
  }),
});

export const vendorEmbeddings = z.looseObject({
  model: z.string().nullish(),
  data: z.array(z.looseObject({ index: z.number().nullish(), embedding: z.union([z.array(z.number()), z.string()]) })),
  usage: z.looseObject({ prompt_tokens: z.number().nullish() }).nullish(),
});
