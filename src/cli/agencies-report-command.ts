import { writeFileSync } from "node:fs";
import { z } from "zod";
import { agencyAccountability } from "../core/agency-accountability.js";
import { challengeLog } from "../core/challenge.js";
import { boardNamed } from "../core/board-scope.js";
import { IsoDateSchema } from "../core/iso-date.js";
import { londonDate } from "../core/london.js";
import { nestPlans } from "../core/plan-export.js";
import { ukDay } from "../paper/board-paper-docx.js";
import { agenciesXlsx } from "../paper/agencies-xlsx.js";
import { openStore } from "./open-store.js";
import { readOptions } from "./options.js";
import type { Settings } from "./settings.js";

/** A day as UK people write it (03/12/2026), or as YYYY-MM-DD like the other reports' --as-of. */
const DaySchema = z.string().transform((s, ctx) => {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s.trim());
  const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, "0")}-${uk[1]!.padStart(2, "0")}` : s.trim();
  const parsed = IsoDateSchema.safeParse(iso);
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: `"${s}" is not a day: write it as dd/mm/yyyy, e.g. 31/03/2023` });
    return z.NEVER;
  }
  return parsed.data;
});

const AgenciesOptionsSchema = z
  .object({
    board: z.string({ error: 'give the board: --board "Coventry Safeguarding Adults Board"' }).min(1),
    format: z.enum(["json", "xlsx"], { error: (i) => `unknown format ${JSON.stringify(i.input)}; the formats are: json, xlsx` }).default("json"),
    out: z.string().min(1).optional(),
    "as-at": DaySchema.optional(),
    "as-of": DaySchema.optional(),
  })
  .refine((o) => o.format === "json" || o.out, { message: "a workbook needs --out <file.xlsx>", path: ["out"] });
export type AgenciesReportOptions = z.infer<typeof AgenciesOptionsSchema>;

const FLAGS = { board: { type: "string" }, format: { type: "string" }, out: { type: "string" }, "as-at": { type: "string" }, "as-of": { type: "string" } } as const;

export const agenciesReportOptions = (args: string[]): AgenciesReportOptions => readOptions("report agencies", args, FLAGS, AgenciesOptionsSchema);

/** `assure report agencies`: agency accountability and the challenge log for one board, as at a day. */
export async function agenciesReportCommand(settings: Settings, options: AgenciesReportOptions, now = new Date()): Promise<string> {
  const opened = await openStore(settings, { seedDemo: true });
  try {
    const [{ records }, ledger, log] = await Promise.all([opened.store.readRecords(), opened.store.readLedger(), opened.challenges.readChallenges()]);
    for (const problem of log.problems) console.error(`assure: challenge log: skipped ${problem}`);
    const plans = nestPlans(records);
    const board = boardNamed(plans, options.board);
    const asOf = options["as-at"] ?? options["as-of"] ?? londonDate(now);
    const figures = agencyAccountability({ board, plans: plans.filter((p) => p.boards.includes(board)), directory: records, ledger, challenges: log.entries, asOf });
    const report = { ...figures, challenges: challengeLog(log.entries, board, asOf) };
    if (options.format === "json" && !options.out) return JSON.stringify(report, null, 2);
    writeFileSync(options.out!, options.format === "json" ? JSON.stringify(report, null, 2) : await agenciesXlsx(report));
    return `wrote ${options.out} (${report.agencies.length} agencies, ${report.agencies.reduce((n, a) => n + a.overdue, 0)} overdue actions, ${report.challenges.length} challenges of which ${report.challenges.filter((c) => !c.answered).length} await an answer, as at ${ukDay(asOf)})`;
  } finally {
    await opened.close();
  }
}
