import { counterCases, rebuildCases } from './counters.case.test.ts';
import { MemoryCounters } from './counters-memory.ts';

counterCases('memory', (_t, instances) => {
  const shared = new MemoryCounters();
  return Promise.resolve(Array.from({ length: instances }, () => shared));
});

// a restart: a new process starts with empty counters over the same store
rebuildCases('memory', (_t, seed) => {
  let current = new MemoryCounters(seed);
  return Promise.resolve({
    counters: () => current,
    lose: () => {
      current = new MemoryCounters(seed);
      return Promise.resolve();
    },
  });
});
