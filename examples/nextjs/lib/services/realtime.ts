/** A message pushed to the browsers watching a channel. */
export interface RealtimeMessage {
  readonly channel: string;
  readonly event: string;
  readonly payload: unknown;
}

/**
 * Pushes messages to connected clients. This in-memory pub/sub stands in for Pusher, Ably or Inngest
 * Realtime: `publish` is where `pusher.trigger(channel, event, payload)` goes.
 */
export interface Realtime {
  publish(channel: string, event: string, payload: unknown): Promise<void>;
  /** Listens on a channel; returns the function that stops listening. */
  subscribe(channel: string, listener: (message: RealtimeMessage) => void): () => void;
}

/**
 * An in-process pub/sub: every `publish` reaches the current subscribers of its channel, synchronously.
 *
 * @example
 * ```ts
 * import { createMemoryRealtime } from "./realtime";
 *
 * const realtime = createMemoryRealtime();
 * const stop = realtime.subscribe("page-page_1", (message) => console.log(message.event));
 * await realtime.publish("page-page_1", "analysis-complete", { recommendationCount: 3 });
 * stop();
 * ```
 */
export function createMemoryRealtime(): Realtime {
  const listeners = new Map<string, Set<(message: RealtimeMessage) => void>>();
  return {
    async publish(channel, event, payload) {
      for (const listener of listeners.get(channel) ?? []) listener({ channel, event, payload });
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  };
}
