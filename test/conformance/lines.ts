// The client release lines every conformance test runs: the last line for Node 20, which the project pins, and the
// latest, which declares Node >= 22 and is what applications on Node 22 install (PROTOCOLS.md §4: both run on Node 20).
// The latest lines are installed under alias names; their types are the older lines' under other package names, so
// one cast per line lets one test body drive both.
import OpenAI, { type ClientOptions } from 'openai';
import OpenAI7, { type ClientOptions as ClientOptions7 } from 'openai-7';
import * as ai6 from 'ai';
import * as ai7 from 'ai-7';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createAnthropic as createAnthropic4 } from 'ai-sdk-anthropic-4';
import { createGoogleGenerativeAI as createGoogle4 } from 'ai-sdk-google-4';
import { createOpenAI as createOpenAI4 } from 'ai-sdk-openai-4';
import { createOpenAICompatible as createOpenAICompatible3 } from 'ai-sdk-openai-compatible-3';

export const OPENAI_LINES: { line: string; client: (options: ClientOptions) => OpenAI }[] = [
  { line: 'openai 6', client: (options) => new OpenAI(options) },
  { line: 'openai 7', client: (options) => new OpenAI7(options as ClientOptions7) as unknown as OpenAI },
];

export interface AiSdkLine {
  line: string;
  ai: typeof ai6;
  createAnthropic: typeof createAnthropic;
  createGoogleGenerativeAI: typeof createGoogleGenerativeAI;
  createOpenAI: typeof createOpenAI;
  createOpenAICompatible: typeof createOpenAICompatible;
}

export const AI_SDK_LINES: AiSdkLine[] = [
  { line: 'ai 6', ai: ai6, createAnthropic, createGoogleGenerativeAI, createOpenAI, createOpenAICompatible },
  {
    line: 'ai 7',
    ai: ai7 as unknown as typeof ai6,
    createAnthropic: createAnthropic4 as unknown as typeof createAnthropic,
    createGoogleGenerativeAI: createGoogle4 as unknown as typeof createGoogleGenerativeAI,
    createOpenAI: createOpenAI4 as unknown as typeof createOpenAI,
    createOpenAICompatible: createOpenAICompatible3 as unknown as typeof createOpenAICompatible,
  },
];
