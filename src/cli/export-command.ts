import { z } from "zod";
import { exportRecords } from "../core/plan-export.js";
import type { BoardRecords } from "../core/records.js";
import { readOptions } from "./options.js";

export const EXPORT_USAGE = "assure export --format json     print every plan with sections, actions, leads and updates";

export const ExportOptionsSchema = z.object({
  format: z.enum(["json"], { error: (i) => `unknown format ${JSON.stringify(i.input)}; the formats are: json` }).default("json"),
});

export async function exportCommand(args: string[], readRecords: () => Promise<BoardRecords>): Promise<string> {
  readOptions("export", args, { format: { type: "string" } }, ExportOptionsSchema);
  return JSON.stringify(exportRecords(await readRecords()), null, 2);
}
