// Main → renderer events that may arrive before the page listens (a file opened from the
// OS at start-up): they wait here until the preload reports a subscription to their
// channel, then go out in order. A new page load starts with no listeners again.
import type { EventChannel, EventContract } from '../shared/ipc/contract';

export type EventSender = <C extends EventChannel>(channel: C, payload: EventContract[C]) => void;

interface Queued {
  channel: EventChannel;
  deliver: (send: EventSender) => void;
}

export interface EventQueue {
  /** Sends now when the page listens on `channel`, else keeps it for later. */
  post<C extends EventChannel>(channel: C, payload: EventContract[C]): void;
  listening(channel: EventChannel): void;
  pageReloaded(): void;
}

export function createEventQueue(send: EventSender): EventQueue {
  const listeners = new Set<EventChannel>();
  let waiting: Queued[] = [];
  return {
    post(channel, payload) {
      if (listeners.has(channel)) send(channel, payload);
      else waiting.push({ channel, deliver: (sender) => sender(channel, payload) });
    },
    listening(channel) {
      listeners.add(channel);
      const ready = waiting.filter((item) => item.channel === channel);
      waiting = waiting.filter((item) => item.channel !== channel);
      for (const item of ready) item.deliver(send);
    },
    pageReloaded() {
      listeners.clear();
    },
  };
}
