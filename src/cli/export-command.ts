import { writeFileSync } from "node:fs";
import { z } from "zod";
import { UsageError } from "../core/errors.js";
import { IsoDateSchema } from "../core/iso-date.js";
import { londonDate } from "../core/london.js";
import { backupOf } from "../core/backup.js";
import { nestPlans } from "../core/plan-export.js";
import type { DeliveryStore, PlanStore } from "../core/store.js";
import { planPaperFile } from "../paper/render.js";
import { readOptions } from "./options.js";

const FORMATS = ["json", "docx", "xlsx", "csv"] as const;
export const ExportOptionsSchema = z
  .object({
    format: z.enum(FORMATS, { error: (i) => `unknown format ${JSON.stringify(i.input)}; the formats are: ${FORMATS.join(", ")}` }).default("json"),
    plan: z.string().min(1).optional(),
    out: z.string().min(1).optional(),
    "as-of": IsoDateSchema.optional(),
    since: IsoDateSchema.optional(),
  })
  .refine((o) => o.format === "json" || o.plan, { message: "a board paper, workbook or CSV is of one plan: give --plan <id>", path: ["plan"] })
  .refine((o) => o.format === "json" || o.format === "csv" || o.out, { message: "Word and Excel files need --out <file>", path: ["out"] })
  .refine((o) => !o.since || !o["as-of"] || o.since <= o["as-of"], { message: "must be on or before --as-of", path: ["since"] });
export type ExportOptions = z.infer<typeof ExportOptionsSchema>;

export function exportOptions(args: string[]): ExportOptions {
  return readOptions("export", args, { format: { type: "string" }, plan: { type: "string" }, out: { type: "string" }, "as-of": { type: "string" }, since: { type: "string" } }, ExportOptionsSchema);
}

/** Runs the export; returns what to print (JSON, CSV, or which file was written). */
export async function exportCommand(store: PlanStore & Pick<DeliveryStore, "readLedger">, options: ExportOptions = { format: "json" }, now = new Date()): Promise<string> {
  const { records, problems } = await store.readRecords();
  for (const problem of problems) console.error(`assure: export: skipped ${problem}`);
  if (options.format === "json") return JSON.stringify(backupOf(records, await store.readChanges({ all: true })), null, 2);
  const plan = nestPlans(records).find((p) => p.id === options.plan);
  if (!plan) throw new UsageError(`export: --plan: no plan "${options.plan}"; the plans are: ${records.plans.map((p) => p.id).join(", ")}`);
  const { paper, file } = await planPaperFile(plan, records, () => store.readLedger(), { format: options.format, asOf: options["as-of"] ?? londonDate(now), since: options.since ?? null });
  if (!options.out) return String(file);
  writeFileSync(options.out, file);
  return `wrote ${options.out} (${plan.title}, as at ${paper.asOf}${paper.since ? `, changes since ${paper.since}` : ""})`;
}
