import { z } from "zod";
import { createAssureBot } from "../../bot/assure-bot.js";
import { UsageError } from "../core/errors.js";
import { openStore } from "./open-store.js";
import { readOptions } from "./options.js";
import type { Settings } from "./settings.js";

export const SWEEP_USAGE = "assure sweep [--at <ISO time>] [--dry-run]  send the reminders due (as if at that time)";

const SweepOptionsSchema = z.object({
  at: z.iso.datetime({ offset: true, error: "must be an ISO time with its offset, e.g. 2016-04-01T09:00:00+01:00" }).optional(),
  "dry-run": z.boolean().default(false),
});

/** One sweep from the command line; --dry-run lists what would be sent and to whom. */
export async function sweepCommand(args: string[], settings: Settings): Promise<string[]> {
  const options = readOptions("sweep", args, { at: { type: "string" }, "dry-run": { type: "boolean" } }, SweepOptionsSchema);
  if (!settings.bot) throw new UsageError("sweep: no Teams bot is configured (ASSURE_BOT_APP_ID)");
  const now = options.at ? new Date(options.at) : new Date();
  const opened = await openStore(settings, { seedDemo: settings.mode === "emulator" });
  try {
    const bot = createAssureBot({ store: opened.store, settings: settings.bot, now: () => now });
    const lines = await bot.sweep({ now, dryRun: options["dry-run"] });
    if (lines.length === 0) return [`nothing due at ${now.toISOString()}`];
    return lines.map((l) => `${l.outcome}: action ${l.action} (${l.stage}) to ${l.to}${l.detail ? ` — ${l.detail}` : ""}`);
  } finally {
    await opened.close();
  }
}
