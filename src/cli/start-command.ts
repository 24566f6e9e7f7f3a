import type { Server } from "node:http";
import { z } from "zod";
import type { BoardRecords } from "../core/records.js";
import { createApp } from "../server/app.js";
import { readOptions } from "./options.js";

export const START_USAGE = "assure start [--port 3978]      run the Assure server on localhost";

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
  deps: { readRecords: () => Promise<BoardRecords>; version: string; env: NodeJS.ProcessEnv },
): Promise<Server> {
  const { port } = readOptions(
    "start",
    args,
    { port: { type: "string", default: deps.env.PORT } },
    StartOptionsSchema,
  );
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    const server = app.listen(port, "127.0.0.1");
    server.once("listening", () => {
      const base = `http://localhost:${port}`;
      console.log(`Assure is running at ${base}`);
      console.log(`  health:  ${base}/health`);
      console.log(`  plans:   ${base}/api/plans`);
      resolve(server);
    });
    server.once("error", reject);
  });
}
