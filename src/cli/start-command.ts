import type { Server } from "node:http";
import { z } from "zod";
import { createApp } from "../server/app.js";
import { developmentIdentity, noIdentity } from "../server/identity.js";
import { openStore } from "./open-store.js";
import { readOptions } from "./options.js";
import type { Settings } from "./settings.js";

export const START_USAGE = "assure start [--port 3978]             run the Assure server on localhost";

export const StartOptionsSchema = z.object({
  port: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3978),
});

export async function startCommand(
  args: string[],
  deps: { settings: Settings; version: string; env: NodeJS.ProcessEnv },
): Promise<{ server: Server; close: () => Promise<void> }> {
  const { port } = readOptions("start", args, { port: { type: "string", default: deps.env.PORT } }, StartOptionsSchema);
  const opened = await openStore(deps.settings, { seedDemo: deps.settings.mode === "emulator" });
  const app = createApp({
    store: opened.store,
    identify: deps.settings.mode === "emulator" ? developmentIdentity : noIdentity,
    now: () => new Date(),
    version: deps.version,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, "127.0.0.1");
    s.once("listening", () => resolve(s));
    s.once("error", reject);
  }).catch(async (error: unknown) => {
    await opened.close();
    throw error;
  });
  const base = `http://localhost:${port}`;
  console.log(`Assure is running at ${base}`);
  console.log(`  health:  ${base}/health`);
  console.log(`  plans:   ${base}/api/plans`);
  console.log(`  store:   ${opened.describe}`);
  if (deps.settings.mode === "emulator") {
    console.log(`  local mode: no tenant; writes take a development identity (header x-assure-dev-person)`);
  }
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await opened.close();
  };
  return { server, close };
}
