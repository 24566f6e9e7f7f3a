import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { batchUnits, resourceUnitsOf } from "./resource-units.js";

const background = new AsyncLocalStorage<true>();

/** Runs work in the background (a sweep): its Graph requests give way to people's when this minute's budget runs low. */
export const asBackground = <T>(work: () => Promise<T>): Promise<T> => background.run(true, work);

/** What background work may spend of a minute's budget: the rest is kept for people opening and updating plans. */
export const BACKGROUND_SHARE = 0.8;

/**
 * Keeps Assure's own Graph spend within ASSURE_GRAPH_RU_PER_MINUTE (SharePoint's budget for an
 * app in the tenant: 1,200 resource units a minute below 1,000 licences). It counts each request's
 * units as SharePoint does; once background work has brought the minute's spend to 80 %, further
 * background requests wait for the next minute, while people's requests go on.
 */
export class RuBudget implements Middleware {
  private next: Middleware | undefined;
  private minute = -1;
  /** Units spent this minute; tests and benchmarks read it. */
  spent = 0;
  waitedMs = 0;

  constructor(
    private readonly perMinute: number,
    private readonly clock: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {}

  async admit(units: number): Promise<void> {
    for (;;) {
      const now = this.clock();
      const minute = Math.floor(now / 60_000);
      if (minute !== this.minute) {
        this.minute = minute;
        this.spent = 0;
      }
      if (!background.getStore() || this.spent + units <= this.perMinute * BACKGROUND_SHARE) {
        this.spent += units;
        return;
      }
      const ms = (minute + 1) * 60_000 - now;
      this.waitedMs += ms;
      await this.wait(ms);
    }
  }

  async execute(context: Context): Promise<void> {
    const url = new URL(typeof context.request === "string" ? context.request : context.request.url, "http://graph");
    const method = (context.options?.method ?? "GET").toUpperCase();
    const path = url.pathname.replace(/^\/v1\.0/, "");
    let body: unknown = null;
    if (path === "/$batch" && typeof context.options?.body === "string") {
      try {
        body = JSON.parse(context.options.body);
      } catch {
        body = null;
      }
    }
    await this.admit(path === "/$batch" ? batchUnits(body) : resourceUnitsOf(method, path, url.searchParams));
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
