import { z } from "zod";
import { createAssureBot } from "../../bot/assure-bot.js";
import { UsageError } from "../core/errors.js";
import { reachDeps } from "./reach-deps.js";
import { openStore } from "./open-store.js";
import { readOptions } from "./options.js";
import { tabAddressOf, type Settings } from "./settings.js";

const SweepOptionsSchema = z.object({
  at: z.iso.datetime({ offset: true, error: "must be an ISO time with its offset, e.g. 2016-04-01T09:00:00+01:00" }).optional(),
  "dry-run": z.boolean().default(false),
  subgroup: z.string().min(1).optional(),
});

/**
 * One sweep from the command line (`assure sweep`), or only the digests (`assure digest`);
 * --dry-run lists what would be sent and to whom.
 */
export async function sweepCommand(command: "sweep" | "digest", args: string[], settings: Settings): Promise<string[]> {
  const flags = { at: { type: "string" as const }, "dry-run": { type: "boolean" as const }, ...(command === "digest" ? { subgroup: { type: "string" as const } } : {}) };
  const options = readOptions(command, args, flags, SweepOptionsSchema);
  if (!settings.bot) throw new UsageError(`${command}: no Teams bot is configured (ASSURE_BOT_APP_ID)`);
  const now = options.at ? new Date(options.at) : new Date();
  const opened = await openStore(settings, { seedDemo: settings.mode === "emulator" });
  try {
    if (options.subgroup) {
      const { records } = await opened.store.readRecords();
      const wanted = options.subgroup.toLowerCase();
      if (!records.subgroups.some((g) => g.id === options.subgroup || g.name.toLowerCase() === wanted)) {
        throw new UsageError(`digest: --subgroup: no subgroup "${options.subgroup}"; there are: ${records.subgroups.map((g) => g.name).join(", ")}`);
      }
    }
    const reach = reachDeps(settings, opened.client);
    const bot = createAssureBot({ store: opened.store, register: opened.register, settings: settings.bot, now: () => now, tabAddress: tabAddressOf(settings), instances: settings.instances, ...reach });
    const lines = await bot.sweep({
      now,
      dryRun: options["dry-run"],
      ...(command === "digest" ? { only: "digests" as const, ...(options.subgroup ? { subgroup: options.subgroup } : {}) } : {}),
    });
    if (lines === "busy") return ["another instance of Assure is sweeping now; nothing was sent from here (its sweep covers what is due)"];
    if (lines.length === 0) return [`nothing due at ${now.toISOString()}`];
    return lines.flatMap((l) => [`${l.outcome}: ${l.what} (${l.stage}) to ${l.to}${l.channel === "email" ? " by email" : ""}${l.detail ? ` — ${l.detail}` : ""}`, ...(l.text ?? []).map((t) => `    | ${t.replace(/\n/g, " ")}`)]);
  } finally {
    await opened.close();
  }
}
