// Test support: a caller's chat.completions body that uses every field Airlock translates, and some it passes through.

export const FULL_REQUEST = {
  model: 'chat',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'developer', content: [{ type: 'text', text: 'Answer in ' }, { type: 'text', text: 'English.' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this picture, and the weather?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        { type: 'image_url', image_url: { url: 'https://example.com/a.jpg', detail: 'low' } },
      ],
    },
    {
      role: 'assistant',
      content: 'Checking.',
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city": "Oslo" }' } }],
    },
    { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: 'sunny' }] },
  ],
  tools: [{ type: 'function', function: { name: 'get_weather', description: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
  tool_choice: { type: 'function', function: { name: 'get_weather' } },
  parallel_tool_calls: false,
  max_tokens: 50,
  max_completion_tokens: 100,
  temperature: 0.2,
  top_p: 0.9,
  n: 2,
  stop: 'END',
  response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true, description: 'the answer' } },
  stream: true,
  stream_options: { include_usage: true },
  seed: 42,
  user: 'user-123',
  logprobs: true,
  top_logprobs: 3,
  metadata: { team: 'a' },
  service_tier: 'auto',
  reasoning_effort: 'low',
  x_vendor_extension: { nested: [1, 'two', null] },
};
