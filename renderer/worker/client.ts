// The UI side of the worker protocol: one typed promise per request, progress callbacks,
// and refusals re-raised as CoreError carrying both languages' messages.
import type { Progress } from '../../shared/age/types';
import { asKetenlensError } from '../../shared/errors';
import { parseHostError } from '../../shared/ipc/contract';
import type { CoreOperation, CoreRequests, RequestMessage, ResponseMessage, WireError } from './protocol';

export class CoreError extends Error implements WireError {
  readonly code: string;
  readonly messageNl: string;
  readonly messageEn: string;
  constructor(wire: WireError) {
    super(wire.messageEn);
    this.code = wire.code;
    this.messageNl = wire.messageNl;
    this.messageEn = wire.messageEn;
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: CoreError): void;
  onProgress?: (progress: Progress) => void;
}

export class CoreClient {
  private worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private crashListener: ((error: WireError) => void) | null = null;

  constructor() {
    this.worker = this.start();
  }

  private start(): Worker {
    const worker = new Worker(new URL('./core.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ResponseMessage>) => this.receive(event.data);
    worker.onerror = (event) => this.crashed(event.message || 'worker error');
    return worker;
  }

  private crashed(detail: string): void {
    const error = new CoreError({
      code: 'core-stopped',
      messageNl: `De rekenkern is gestopt (${detail}); de snapshot is gesloten. Open hem opnieuw; bij een zeer groot bestand kan het geheugen te klein zijn.`,
      messageEn: `The core stopped (${detail}); the snapshot was closed. Open it again; a very large file may not fit in memory.`,
    });
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.worker.terminate();
    this.worker = this.start();
    this.crashListener?.(error);
  }

  /** Be told when the worker died (e.g. out of memory): its database is gone, a new worker is ready. */
  onCrash(listener: ((error: WireError) => void) | null): void {
    this.crashListener = listener;
  }

  call<O extends CoreOperation>(
    operation: O,
    payload: CoreRequests[O]['request'],
    options: { onProgress?: (progress: Progress) => void; transfer?: Transferable[] } = {},
  ): Promise<CoreRequests[O]['response']> {
    const id = this.nextId++;
    const message: RequestMessage<O> = { id, operation, payload };
    return new Promise<CoreRequests[O]['response']>((resolve, reject) => {
      this.pending.set(id, {
        // The worker answers request `id` with the response type of its operation.
        resolve: (value) => resolve(value as CoreRequests[O]['response']),
        reject,
        onProgress: options.onProgress,
      });
      this.worker.postMessage(message, options.transfer ?? []);
    });
  }

  private receive(message: ResponseMessage): void {
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    if (message.kind === 'progress') {
      pending.onProgress?.(message.progress);
      return;
    }
    this.pending.delete(message.id);
    if (message.kind === 'result') pending.resolve(message.result);
    else pending.reject(new CoreError(message.error));
  }
}

/** Normalise anything caught in the UI into the two-language shape screens display. */
export function asWireError(error: unknown): WireError {
  if (error instanceof CoreError) return error;
  // Electron's main process sends its typed refusals inside the rejection message.
  const fromHost = parseHostError(error);
  if (fromHost !== null) return fromHost;
  if (typeof error === 'object' && error !== null && 'messageNl' in error && 'messageEn' in error && 'code' in error) {
    return { code: String(error.code), messageNl: String(error.messageNl), messageEn: String(error.messageEn) };
  }
  const typed = asKetenlensError(error);
  return { code: typed.code, messageNl: typed.messageNl, messageEn: typed.messageEn };
}
