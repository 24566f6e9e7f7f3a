import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { startCli, stop } from "../support/cli.js";
import { freePort } from "../support/ports.js";

const invoke = {
  type: "invoke",
  name: "adaptiveCard/action",
  channelId: "msteams",
  serviceUrl: "http://localhost:1/_connector",
  from: { id: "29:someone", aadObjectId: "00000000-0000-0000-0000-0000000000027" },
  recipient: { id: "28:bot" },
  conversation: { id: "a:conversation", conversationType: "personal" },
  value: { action: { type: "Action.Execute", verb: "submitUpdate", data: { actionId: "coventry-sar-mrs-e-2015/6.2", submissionId: "11111111-2222-3333", progress: "forged" } } },
};

let server: ChildProcess | undefined;
afterEach(async () => server && stop(server));

async function startWith(env: NodeJS.ProcessEnv) {
  const port = await freePort();
  server = await startCli(["start", "--port", String(port)], /Assure is running/, { ASSURE_PLAYGROUND: "off", ASSURE_SWEEP_EVERY_MINUTES: "0", ...env });
  return `http://localhost:${port}`;
}

describe("the bot endpoint", () => {
  it("rejects an invoke without a Bot Framework token once the bot has an app id (outside local mode)", async () => {
    const base = await startWith({ ASSURE_BOT_APP_ID: "5c9f3e44-2b0a-4a7b-9d0e-0f7e1c2d3b4a", ASSURE_BOT_APP_PASSWORD: "not-a-real-secret" });
    const res = await fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(invoke) });
    expect(res.status).toBe(401);
    const plan = (await (await fetch(`${base}/api/export`)).json()) as { plans: { sections: { actions: { id: string; updates: unknown[] }[] }[] }[] };
    const updates = plan.plans.flatMap((p) => p.sections.flatMap((s) => s.actions)).flatMap((a) => a.updates);
    expect(updates).toEqual([]);
  });

  it("answers an invoke in local mode with the Universal Actions card response", async () => {
    const base = await startWith({});
    const res = await fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(invoke) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; type: string; value: { body: { text?: string }[] } };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(body.value.body[0]!.text).toBe("Update recorded for action 6.2");
  });
});

describe("the bot's tenants (ASSURE_BOT_TENANTS)", () => {
  const OURS = "7d1c1b8e-1111-4c2e-9a55-000000000001";
  const THEIRS = "7d1c1b8e-2222-4c2e-9a55-000000000002";
  const from = (tenant: string | null) => ({ ...invoke, ...(tenant ? { channelData: { tenant: { id: tenant } }, conversation: { ...invoke.conversation, tenantId: tenant } } : {}) });
  const updatesOf62 = async (base: string) => {
    const plan = (await (await fetch(`${base}/api/export`)).json()) as { plans: { sections: { actions: { id: string; updates: unknown[] }[] }[] }[] };
    return plan.plans.flatMap((p) => p.sections.flatMap((s) => s.actions)).find((a) => a.id === "coventry-sar-mrs-e-2015/6.2")!.updates;
  };

  it("refuses an activity from another organisation's Teams, or naming no tenant, before anything is read or written; answers its own", async () => {
    const base = await startWith({ ASSURE_BOT_TENANTS: OURS.toUpperCase() });
    for (const tenant of [THEIRS, null]) {
      const res = await fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(from(tenant)) });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain("ASSURE_BOT_TENANTS");
    }
    expect(await updatesOf62(base)).toEqual([]);
    const ours = await fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(from(OURS)) });
    expect(ours.status).toBe(200);
    expect(await updatesOf62(base)).toHaveLength(1);
  });
});

describe("Teams mobile's Action.Submit fallback", () => {
  it("records an update sent as a mobile client sends it (a message whose value holds the verb and the inputs), and answers in the chat", async () => {
    const { startLocalConnector } = await import("../../bench/local-connector.js");
    const connector = await startLocalConnector();
    try {
      const base = await startWith({});
      // What Teams on a phone sends for the card's Action.Submit: a message, the data with the inputs merged in.
      const submit = {
        type: "message",
        id: "mobile-activity-1",
        channelId: "msteams",
        serviceUrl: connector.serviceUrl,
        from: { id: "29:diego", aadObjectId: "00000000-0000-0000-0000-0000000000027" },
        recipient: { id: "28:bot" },
        conversation: { id: "a:diego-mobile", conversationType: "personal" },
        value: { verb: "submitUpdate", actionId: "coventry-sar-mrs-e-2015/6.2", submissionId: "mobile-submit-0001", progress: "Answered on my phone", rating: "green", complete: "false" },
      };
      const res = await fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(submit) });
      expect(res.status).toBe(200);
      expect(connector.messages.map((m) => m.heading)).toContain("Update recorded for action 6.2");
      const exported = (await (await fetch(`${base}/api/export`)).json()) as { plans: { sections: { actions: { id: string; updates: { text: string; via: string }[] }[] }[] }[] };
      const updates = exported.plans.flatMap((p) => p.sections.flatMap((s) => s.actions)).find((a) => a.id === "coventry-sar-mrs-e-2015/6.2")!.updates;
      expect(updates).toEqual([expect.objectContaining({ text: "Answered on my phone", via: "teams-card" })]);
    } finally {
      await connector.close();
    }
  });
});
