// The Gemini inbound parse: function declarations and their schemas, built-in tools, tool choice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hi, parse, refused } from './inbound.fixture.ts';

test('parse: function declarations; an OpenAPI-subset schema becomes JSON Schema', { timeout: 1000 }, () => {
  const json = { type: 'object', properties: { q: { type: 'string', minLength: 1 } }, additionalProperties: false };
  const req = parse({
    contents: hi,
    tools: [
      {
        functionDeclarations: [
          { name: 'js', parametersJsonSchema: json },
          { name: 'bare', description: 'no arguments', behavior: 'BLOCKING', response: { type: 'STRING' } },
          {
            name: 'api',
            parameters: {
              type: 'OBJECT',
              propertyOrdering: ['when', 'tags', 'kind', 'any'],
              required: ['when'],
              properties: {
                when: { type: 'STRING', format: 'date-time', nullable: true, description: 'd', example: '2024-01-01T00:00:00Z', pattern: '^2' },
                tags: { type: 'ARRAY', items: { type: 'integer', minimum: 0, maximum: 9 }, minItems: '1', maxItems: 3, default: [1] },
                kind: { type: 'STRING', enum: ['a', 'b'], nullable: true, title: 'Kind' },
                any: { anyOf: [{ type: 'NUMBER' }, { type: 'BOOLEAN' }], nullable: true },
                loose: { type: 'TYPE_UNSPECIFIED', const: 'x', minProperties: '0' },
              },
            },
          },
        ],
      },
      {},
    ],
  });
  assert.deepEqual(req.tools, [
    { name: 'js', parameters: json },
    { name: 'bare', description: 'no arguments', parameters: { type: 'object', properties: {} } },
    {
      name: 'api',
      parameters: {
        type: 'object',
        required: ['when'],
        properties: {
          when: { type: ['string', 'null'], format: 'date-time', description: 'd', examples: ['2024-01-01T00:00:00Z'], pattern: '^2' },
          tags: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 9 }, minItems: 1, maxItems: 3, default: [1] },
          kind: { type: ['string', 'null'], enum: ['a', 'b', null], title: 'Kind' },
          any: { anyOf: [{ type: 'number' }, { type: 'boolean' }, { type: 'null' }] },
          loose: { const: 'x', minProperties: 0 },
        },
      },
    },
  ]);
  refused({ contents: hi, tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT' }, parametersJsonSchema: json }] }] }, 'invalid_request', 'tools.0.functionDeclarations.0.parametersJsonSchema');
  refused({ contents: hi, tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { x: { type: 'TEXT' } } } }] }] }, 'invalid_request', 'tools.0.functionDeclarations.0.parameters.properties.x.type');
  refused({ contents: hi, tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'ARRAY', maxItems: 'many' } }] }] }, 'invalid_request', 'tools.0.functionDeclarations.0.parameters.maxItems');
  refused({ contents: hi, tools: [{ functionDeclarations: [{ description: 'no name' }] }] }, 'invalid_request', 'tools.0.functionDeclarations.0.name');
});

test('parse: built-in tools are refused by name', { timeout: 1000 }, () => {
  const kinds = ['googleSearch', 'googleSearchRetrieval', 'codeExecution', 'urlContext', 'fileSearch', 'computerUse', 'retrieval', 'googleMaps', 'enterpriseWebSearch', 'mcpServers', 'aNewTool'];
  for (const kind of kinds) {
    const err = refused({ contents: hi, tools: [{ functionDeclarations: [{ name: 'f' }] }, { [kind]: {} }] }, 'unsupported_parameter', `tools.1.${kind}`);
    assert.match(err.message, /vendor register/);
  }
});

test('parse: functionCallingConfig modes map onto the canonical tool choice', { timeout: 1000 }, () => {
  const tools = [{ functionDeclarations: [{ name: 'a' }, { name: 'b' }] }];
  const choice = (functionCallingConfig?: unknown, t: unknown = tools) => parse({ contents: hi, tools: t, toolConfig: functionCallingConfig === undefined ? undefined : { functionCallingConfig } }).toolChoice;
  assert.equal(choice(), 'auto');
  assert.equal(choice({}), 'auto');
  assert.equal(choice({ mode: 'AUTO' }), 'auto');
  assert.equal(choice({ mode: 'MODE_UNSPECIFIED' }), 'auto');
  assert.equal(choice({ mode: 'NONE' }), 'none');
  assert.equal(choice({ mode: 'ANY' }), 'required');
  assert.deepEqual(choice({ mode: 'ANY', allowedFunctionNames: ['b'] }), { name: 'b' });
  // a subset cannot be named canonically: any of the caller's declared functions may be called
  assert.equal(choice({ mode: 'ANY', allowedFunctionNames: ['a', 'b'] }), 'required');
  assert.equal(choice({ mode: 'VALIDATED', allowedFunctionNames: ['a'] }), 'auto');
  assert.equal(choice({ mode: 'ANY' }, null), 'auto');
  refused({ contents: hi, tools, toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['a', 'c'] } } }, 'invalid_request', 'toolConfig.functionCallingConfig.allowedFunctionNames.1');
  refused({ contents: hi, tools, toolConfig: { functionCallingConfig: { mode: 'SOMETIMES' } } }, 'invalid_request', 'toolConfig.functionCallingConfig.mode');
});

