import { writeFileSync } from "node:fs";
import { z } from "zod";
import { annualReport, parseFinancialYear } from "../core/annual-report.js";
import { InputError, UsageError } from "../core/errors.js";
import { nestPlans } from "../core/plan-export.js";
import type { PlanStore } from "../core/store.js";
import { annualReportDocx } from "../paper/annual-report-docx.js";
import { readOptions } from "./options.js";
import { REPORT_USAGE } from "./usage.js";

const ReportOptionsSchema = z.object({ year: z.string({ error: "give the financial year: --year 2022/23" }).min(1), out: z.string({ error: "give the file to write: --out annual-report.docx" }).min(1) });

export function reportOptions(args: string[]): z.infer<typeof ReportOptionsSchema> {
  if (args[0] !== "annual") throw new UsageError(`report: the one report is "annual" (usage: ${REPORT_USAGE})`);
  return readOptions("report", args.slice(1), { year: { type: "string" }, out: { type: "string" } }, ReportOptionsSchema);
}

export async function reportCommand(store: PlanStore, options: z.infer<typeof ReportOptionsSchema>): Promise<string> {
  let year;
  try {
    year = parseFinancialYear(options.year);
  } catch (error: unknown) {
    throw error instanceof InputError ? new UsageError(`report: --${error.message}`) : error;
  }
  const { records } = await store.readRecords();
  const report = annualReport(nestPlans(records), await store.readChanges({ all: true }), year);
  writeFileSync(options.out, await annualReportDocx(report));
  return `wrote ${options.out} (annual report ${year.label}: ${report.concluded.length} reviews concluded, ${report.inProgress.length} in progress, ${report.implementing.length} being implemented, ${report.notImplemented.length} findings not implemented, ${report.businessPlans.length} business plans)`;
}
