// The text of a PDF, read on a worker thread so inspection can see what a document carries. piscina keeps the pool:
// its queue, task abort (which ends a thread stuck in a hostile PDF) and per-thread heap limits are the job, done.
// PDF.js (Mozilla's, the parser browsers ship) does the reading: a PDF's text is laid out by its fonts' encodings, and
// a reader that gets them wrong would hide data from the detectors.
import { Piscina } from 'piscina';

interface PdfTask {
  /** base64, decoded on the reading thread */
  data: string;
  maxPages: number;
}

/** What worker.js answers. */
type PdfResult = { ok: true; pages: number; text: string } | { ok: false; reason: 'encrypted' | 'invalid' | 'too_many_pages'; pages?: number; detail: string };

/** `failed`: the reading thread itself failed (a PDF that crashes PDF.js): the PDF's fault, so not retried either */
export type PdfText = PdfResult | { ok: false; reason: 'timeout' | 'too_large' | 'failed'; detail: string };

export interface PdfReader {
  /** longer PDFs are refused unread */
  readonly maxPages: number;
  read(base64: string): Promise<PdfText>;
  close(): Promise<void>;
}

export interface PdfReaderOptions {
  /** a PDF still being read after this long is given up on, and its thread ended (default 10 s) */
  timeoutMs?: number;
  /** longer documents are refused unread (default 100, Anthropic's own limit for PDF input) */
  maxPages?: number;
  /** heap of a reading thread, in MiB; a PDF that needs more is refused (default 512) */
  heapMb?: number;
  /** threads reading at once (default 1: the gateway's own thread needs the other core) */
  threads?: number;
  /** told of every read: its outcome and how long it took, queueing included (metrics) */
  onRead?: (read: PdfText, seconds: number) => void;
  /** told when a reading thread fails outside a read (the gateway's log) */
  onThreadError?: (err: unknown) => void;
}

export function createPdfReader(options: PdfReaderOptions = {}): PdfReader {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxPages = options.maxPages ?? 100;
  // made on the first PDF: a gateway that never sees one starts no thread
  let pool: Piscina<PdfTask, PdfResult> | null = null;
  const open = (): Piscina<PdfTask, PdfResult> => (pool ??= start());
  const start = (): Piscina<PdfTask, PdfResult> => {
    const p = new Piscina<PdfTask, PdfResult>({
      filename: new URL('./worker.js', import.meta.url).href,
      // not the gateway's own flags (`--import tsx` under npm test): the worker is plain JavaScript, see worker.js
      execArgv: [],
      minThreads: 0,
      maxThreads: options.threads ?? 1,
      // a thread costs ~300 ms to start (PDF.js loading) and a chat resends its PDF every turn
      idleTimeout: 5 * 60_000,
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 512 },
    });
    // a thread that dies outside a task (out of memory while starting) is an 'error' on the pool: unheard, it would
    // end the gateway; the pool starts another for the next read
    p.on('error', (err: unknown) => options.onThreadError?.(err));
    return p;
  };
  return {
    maxPages,
    async read(base64) {
      const started = performance.now();
      const signal = AbortSignal.timeout(timeoutMs);
      let read: PdfText;
      try {
        read = await open().run({ data: base64, maxPages }, { signal });
      } catch (err) {
        if (signal.aborted) read = { ok: false, reason: 'timeout', detail: `not read within ${timeoutMs} ms` };
        else if (isOutOfMemory(err)) read = { ok: false, reason: 'too_large', detail: 'it needs more memory to read than a reading thread has' };
        else read = { ok: false, reason: 'failed', detail: `the reader failed (${err instanceof Error ? err.message : String(err)})` };
      }
      options.onRead?.(read, (performance.now() - started) / 1000);
      return read;
    },
    async close() {
      const p = pool;
      pool = null;
      if (p !== null) await p.destroy();
    },
  };
}

function isOutOfMemory(err: unknown): boolean {
  return err instanceof Error && (err as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
}
