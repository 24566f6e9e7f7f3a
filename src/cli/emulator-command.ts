import { resolve } from "node:path";
import { z } from "zod";
import { startEmulator } from "../emulator/server.js";
import { readOptions } from "./options.js";

const EmulatorOptionsSchema = z.object({
  port: z.coerce.number({ error: "must be a port number" }).int().min(0).max(65535).default(0),
  data: z.string().min(1).default(".data/graph"),
});

/** Serves the Graph emulator alone: for tests that crash it, and for poking at it with curl. */
export async function emulatorCommand(args: string[]): Promise<() => Promise<void>> {
  const { port, data } = readOptions("emulator", args, { port: { type: "string" }, data: { type: "string" } }, EmulatorOptionsSchema);
  const emulator = await startEmulator({ dataDir: resolve(data), port });
  console.log(`Graph emulator listening at ${emulator.graphUrl} (data in ${resolve(data)})`);
  return emulator.close;
}
