// What the simulator answers, so every client × protocol case asserts exact values (see src/simulator).
export const PROMPT = 'hello there, Airlock';
export const ECHO = `echo: ${PROMPT}`;
export const inputTokens = (chars: number): number => Math.ceil(chars / 4);

export const WEATHER_SCHEMA: { type: 'object'; properties: Record<string, { type: 'string' | 'integer' }>; required: string[] } = {
  type: 'object',
  properties: { city: { type: 'string' }, days: { type: 'integer' } },
  required: ['city'],
};
/** the arguments the simulator builds from WEATHER_SCHEMA */
export const WEATHER_ARGS = { city: 'sim', days: 1 };

/** logical models: one per out-protocol, plus a parallel-tools variant of each */
export const MATRIX_MODELS: Record<string, string[]> = {
  'via-openai': ['sim-openai/gpt-4o-mini'],
  'via-anthropic': ['sim-anthropic/claude-3-5-haiku-20241022'],
  'via-gemini': ['sim-gemini/gemini-2.0-flash'],
  'parallel-via-openai': ['sim-openai/gpt-4o-mini-parallel-2'],
  'parallel-via-anthropic': ['sim-anthropic/claude-parallel-2'],
  'parallel-via-gemini': ['sim-gemini/gemini-parallel-2'],
};
export const OUT = ['openai', 'anthropic', 'gemini'] as const;
