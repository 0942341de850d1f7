import { RunsError } from "./runs-error";

/** Throws the `aborted` error when `signal` is aborted; keeps the signal's reason as `cause`. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) {
    throw new RunsError(
      { code: "aborted", message: `${what} was aborted by its signal before it finished` },
      { cause: signal.reason },
    );
  }
}

/** Waits `ms`, or throws the `aborted` error as soon as `signal` is aborted. */
export function abortableSleep(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  throwIfAborted(signal, what);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      try {
        throwIfAborted(signal, what);
      } catch (error) {
        reject(error);
      }
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
