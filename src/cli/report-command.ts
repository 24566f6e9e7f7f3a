import type { RegisterStore } from "../core/register.js";
import { writeFileSync } from "node:fs";
import { z } from "zod";
import { parseFinancialYear } from "../core/annual-report.js";
import { boardAnnualReport } from "../core/board-annual-report.js";
import { ALL_BOARDS, boardsNamed } from "../core/board-scope.js";
import { InputError, UsageError } from "../core/errors.js";
import { namesAsAt } from "../core/names-as-at.js";
import { nestPlans } from "../core/plan-export.js";
import type { PlanStore } from "../core/store.js";
import { annualReportDocx } from "../paper/annual-report-docx.js";
import { readOptions } from "./options.js";
import { REPORT_USAGE } from "./usage.js";

const ReportOptionsSchema = z.object({
  year: z.string({ error: "give the financial year: --year 2022/23" }).min(1),
  /** The board as its plans write it; may be left out where the site has only one. */
  board: z.string().min(1).optional(),
  out: z.string({ error: "give the file to write: --out annual-report.docx" }).min(1),
});

export function reportOptions(args: string[]): z.infer<typeof ReportOptionsSchema> {
  if (args[0] !== "annual") throw new UsageError(`report: the one report is "annual" (usage: ${REPORT_USAGE})`);
  return readOptions("report", args.slice(1), { year: { type: "string" }, board: { type: "string" }, out: { type: "string" } }, ReportOptionsSchema);
}

export async function reportCommand(store: PlanStore, options: z.infer<typeof ReportOptionsSchema>, registerStore: RegisterStore | null = null): Promise<string> {
  let year;
  try {
    year = parseFinancialYear(options.year);
  } catch (error: unknown) {
    throw error instanceof InputError ? new UsageError(`report: --${error.message}`) : error;
  }
  const [{ records: stored }, changes] = await Promise.all([store.readRecords(), store.readChanges({ all: true })]);
  // The names of the year's end, as the tab's report reads them: a plan or subgroup renamed since reads as it was then.
  const records = namesAsAt(stored, changes, year.to);
  const plans = nestPlans(records);
  // One board's report: a site several boards share would otherwise mix their reviews.
  const boards = boardsNamed(plans);
  const named = options.board ?? (boards.length <= 1 ? ALL_BOARDS : null);
  if (named === null) throw new UsageError(`report: name the board: --board "<board>" (the boards there are: ${boards.map((b) => `"${b}"`).join(", ")}), or --board all`);
  let report;
  try {
    const register = registerStore ? (await registerStore.readRegister()).register : null;
    report = boardAnnualReport(plans, changes, year, named, register ? { register, records } : undefined);
  } catch (error: unknown) {
    throw error instanceof InputError ? new UsageError(`report: --${error.message}`) : error;
  }
  writeFileSync(options.out, await annualReportDocx(report));
  return `wrote ${options.out} (annual report ${year.label}, ${report.boards.join(", ")}: ${report.concluded.length} reviews concluded, ${report.inProgress.length} in progress, ${report.implementing.length} being implemented, ${report.notImplemented.length} findings not implemented, ${report.businessPlans.length} business plans${report.register ? `; from the findings register: ${report.register.concluded.length} reviews concluded, ${report.register.impactRecorded.length} impact reviews recorded` : ""})`;
}
