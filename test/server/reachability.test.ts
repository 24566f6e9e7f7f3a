import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { demoRecords } from "../../src/demo/index.js";
import { createApp } from "../../src/server/app.js";
import { developmentIdentity } from "../../src/server/identity.js";
import { emulatorFixture, type EmulatorFixture } from "../support/emulator.js";

let env: EmulatorFixture;
afterEach(async () => env.close());

describe("GET /api/reachability", () => {
  it("tells board managers which leads the bot can reach, which blocked it, and who never installed it", async () => {
    env = await emulatorFixture();
    const demo = demoRecords();
    await env.store.importRecords(demo);
    const person = (id: string) => demo.people.find((p) => p.id === id)!;
    const conversation = (id: string, stale: boolean) => ({
      entraObjectId: person(id).entraObjectId,
      reference: { conversation: { id: `a:${id}` } },
      stale,
      updatedAt: "2016-04-01T08:00:00.000Z",
    });
    await env.store.saveConversation(conversation("alex-wilber", false));
    await env.store.saveConversation(conversation("diego-siciliani", true));
    // Diego's email bounced (a non-delivery report the sweep read): managers see when, and Exchange's words.
    await env.store.updateRecord("people", "diego-siciliani", (p) => ({ ...p, emailBounce: { address: p.email, at: "2016-04-02T08:30:00.000Z", said: "Your message couldn't be delivered.", cleared: false } }));

    const app = createApp({ store: env.store, botEndpoint: null, identify: developmentIdentity, now: () => new Date(), version: "test", localMode: true, tabDir: null });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/reachability`);
      const { people } = (await res.json()) as { people: { personId: string; status: string; emailBounced: unknown }[] };
      expect(people.find((p) => p.personId === "diego-siciliani")!.emailBounced).toEqual({ address: person("diego-siciliani").email, on: "2016-04-02", said: "Your message couldn't be delivered." });
      expect(people.find((p) => p.personId === "alex-wilber")!.emailBounced).toBeNull();
      const status = Object.fromEntries(people.map((p) => [p.personId, p.status]));
      expect(status["alex-wilber"]).toBe("reachable");
      expect(status["diego-siciliani"]).toBe("unreachable");
      expect(status["johanna-lorenz"]).toBe("not-installed");
    } finally {
      server.close();
    }
  });
});
