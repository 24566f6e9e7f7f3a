import { z } from "zod";
import { exportRecords } from "../core/plan-export.js";
import type { PlanStore } from "../core/store.js";
import { readOptions } from "./options.js";

export const EXPORT_USAGE = "assure export --format json            print every plan with sections, actions, leads and updates";

export const ExportOptionsSchema = z.object({
  format: z.enum(["json"], { error: (i) => `unknown format ${JSON.stringify(i.input)}; the formats are: json` }).default("json"),
});

export function exportOptions(args: string[]): z.infer<typeof ExportOptionsSchema> {
  return readOptions("export", args, { format: { type: "string" } }, ExportOptionsSchema);
}

export async function exportCommand(store: PlanStore): Promise<string> {
  const { records, problems } = await store.readRecords();
  for (const problem of problems) console.error(`assure: export: skipped ${problem}`);
  return JSON.stringify(exportRecords(records), null, 2);
}
