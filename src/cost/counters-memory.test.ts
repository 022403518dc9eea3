import { counterCases } from './counters.case.test.ts';
import { MemoryCounters } from './counters-memory.ts';

counterCases('memory', (_t, instances) => {
  const shared = new MemoryCounters();
  return Promise.resolve(Array.from({ length: instances }, () => shared));
});
