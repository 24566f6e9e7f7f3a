import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SWEEP_LEASE_MS, withSweepLease } from "../../bot/sweep-lease.js";
import { GraphStore } from "../../src/store/graph-store.js";
import { emulatorFixture, type EmulatorFixture } from "../support/emulator.js";

let env: EmulatorFixture;
beforeEach(async () => {
  env = await emulatorFixture();
});
afterEach(async () => env.close());

describe("the sweep lease (one instance sweeps at a time)", () => {
  it("lets one of two instances sweep at the same moment; the other is told it is busy; the next sweep may go", async () => {
    const other = new GraphStore(env.connect());
    let running = 0;
    let most = 0;
    const work = async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 200));
      running--;
      return "swept";
    };
    const results = await Promise.all([withSweepLease(env.store, "instance-a", work), withSweepLease(other, "instance-b", work)]);
    expect(results.sort()).toEqual([null, "swept"]);
    expect(most).toBe(1);
    expect(await withSweepLease(other, "instance-b", work)).toBe("swept");
    expect(await env.store.readLedger()).toEqual([]); // the lease is not a delivery
  });

  it("takes over a lease whose instance died without releasing it, once it has expired", async () => {
    const at = new Date("2026-12-03T10:00:00Z");
    await expect(withSweepLease(env.store, "dies", () => new Promise<never>((_, reject) => setTimeout(() => reject(new Error("killed")), 0)).finally(() => {}), () => at)).rejects.toThrow("killed");
    // It died holding the lease: make it look as if release never happened.
    await env.store.updateLedgerEntry("lease|sweep", (e) => ({ ...e, recipient: "dies", status: "claimed", claimedAt: at.toISOString() }));
    expect(await withSweepLease(env.store, "next", async () => "swept", () => new Date(at.getTime() + 60_000))).toBeNull();
    expect(await withSweepLease(env.store, "next", async () => "swept", () => new Date(at.getTime() + SWEEP_LEASE_MS))).toBe("swept");
  });
});
