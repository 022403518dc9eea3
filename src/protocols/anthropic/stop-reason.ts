// Anthropic stop reasons (https://docs.anthropic.com/en/api/handling-stop-reasons) ⇄ canonical Finish.
import type { Finish } from '../../core/canonical.ts';

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

export function toStopReason(finish: Finish, stopSequence: string | undefined): { stop_reason: StopReason; stop_sequence: string | null } {
  switch (finish) {
    case 'stop':
      return stopSequence === undefined
        ? { stop_reason: 'end_turn', stop_sequence: null }
        : { stop_reason: 'stop_sequence', stop_sequence: stopSequence };
    case 'length':
      return { stop_reason: 'max_tokens', stop_sequence: null };
    case 'tool_calls':
      return { stop_reason: 'tool_use', stop_sequence: null };
    case 'content_filter':
      return { stop_reason: 'refusal', stop_sequence: null };
  }
}

/** pause_turn (a server tool paused a long turn) has no canonical twin; the caller sees a plain stop. */
export function fromStopReason(reason: string | null, stopSequence: string | null | undefined): { finish: Finish; stopSequence?: string } {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { finish: 'length' };
    case 'tool_use':
      return { finish: 'tool_calls' };
    case 'refusal':
      return { finish: 'content_filter' };
    default:
      return typeof stopSequence === 'string' ? { finish: 'stop', stopSequence } : { finish: 'stop' };
  }
}
