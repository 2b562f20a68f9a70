// The Web Worker that runs the Ketenlens core (decrypt, sql.js, analyses, exporters) off
// the UI thread, so a national-scale snapshot never freezes the screen.
import { handlers } from './core';
import { toWireError } from './errors';
import type { CoreOperation, CoreRequests, RequestMessage, ResponseMessage } from './protocol';

const scope = self as unknown as {
  postMessage(message: ResponseMessage, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<RequestMessage>) => void) | null;
};

function run<O extends CoreOperation>(message: RequestMessage<O>): Promise<CoreRequests[O]['response']> {
  const handler = handlers[message.operation];
  // The progress callback may outlive the request (an open snapshot reports its later checks
  // through it): it keeps the id, never the message, whose payload may be a whole file in
  // shared memory.
  const id = message.id;
  return handler(message.payload, (progress) => scope.postMessage({ id, kind: 'progress', progress }));
}

// Requests run one after another: the database is single-threaded and a close must not
// overtake a table that is still being built.
let queue: Promise<void> = Promise.resolve();

/**
 * One turn of the event loop between requests: the headline figures come as three requests
 * queued at once, and without a turn between them nothing else this worker must do — fetch a
 * nested worker's script, take a helper's answer — would run until all three were done.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

scope.onmessage = (event) => {
  const message = event.data;
  queue = queue.then(nextTurn).then(async () => {
    try {
      const result = await run(message);
      scope.postMessage({ id: message.id, kind: 'result', result });
    } catch (error) {
      scope.postMessage({ id: message.id, kind: 'error', error: toWireError(error) });
    }
  });
};
