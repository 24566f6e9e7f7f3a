import { AsyncLocalStorage } from "node:async_hooks";

const deadline = new AsyncLocalStorage<number>();

/**
 * Runs work whose outcome someone is promised by a time (a card action, whose "being recorded"
 * card says by when it will have changed): the store's retries may not wait past `ms` from now,
 * so a throttled request is refused in time, instead of retrying past the promise.
 */
export const withRetryDeadline = <T>(ms: number, work: () => Promise<T>, clock: () => number = Date.now): Promise<T> => deadline.run(clock() + ms, work);

/** Whether a retry after waiting `waitMs` would still finish within the current deadline (always, outside one). */
export function retryFits(waitMs: number, clock: () => number = Date.now): boolean {
  const until = deadline.getStore();
  return until === undefined || clock() + waitMs < until;
}
