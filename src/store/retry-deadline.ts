import { AsyncLocalStorage } from "node:async_hooks";

const deadline = new AsyncLocalStorage<number>();

/**
 * Runs work that someone is waiting on inside another service's time limit (a card action
 * inside Teams' invoke): the store's retries may not wait past `ms` from now, so a throttled
 * request is refused in time to answer, instead of answering after Teams has given up.
 */
export const withRetryDeadline = <T>(ms: number, work: () => Promise<T>, clock: () => number = Date.now): Promise<T> => deadline.run(clock() + ms, work);

/** Whether a retry after waiting `waitMs` would still finish within the current deadline (always, outside one). */
export function retryFits(waitMs: number, clock: () => number = Date.now): boolean {
  const until = deadline.getStore();
  return until === undefined || clock() + waitMs < until;
}
