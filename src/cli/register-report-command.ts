import { writeFileSync } from "node:fs";
import { extname } from "node:path";
import { z } from "zod";
import { UsageError } from "../core/errors.js";
import { IsoDateSchema } from "../core/iso-date.js";
import { londonDate } from "../core/london.js";
import { publicRecord } from "../core/public-record.js";
import { recordsAsAt } from "../core/records-as-at.js";
import { themesReport } from "../core/themes-report.js";
import { ukDay } from "../paper/board-paper-docx.js";
import { publicRecordDocx } from "../paper/public-record-docx.js";
import { publicRecordHtml } from "../paper/public-record-html.js";
import { themesXlsx } from "../paper/themes-xlsx.js";
import { openStore } from "./open-store.js";
import { readOptions } from "./options.js";
import type { Settings } from "./settings.js";

const board = z.string({ error: 'give the board: --board "Coventry Safeguarding Adults Board"' }).min(1);
const ThemesOptionsSchema = z
  .object({ board, format: z.enum(["json", "xlsx"], { error: (i) => `unknown format ${JSON.stringify(i.input)}; the formats are: json, xlsx` }).default("json"), out: z.string().min(1).optional(), "as-of": IsoDateSchema.optional() })
  .refine((o) => o.format === "json" || o.out, { message: "a workbook needs --out <file.xlsx>", path: ["out"] });
const FindingsOptionsSchema = z.object({
  board,
  out: z.string({ error: "give the file to write: --out findings.html (or .docx)" }).refine((f) => [".docx", ".html"].includes(extname(f).toLowerCase()), "must end in .docx or .html"),
  "as-of": IsoDateSchema.optional(),
});

const FLAGS = { board: { type: "string" }, format: { type: "string" }, out: { type: "string" }, "as-of": { type: "string" } } as const;

export type RegisterReportOptions = { report: "themes"; options: z.infer<typeof ThemesOptionsSchema> } | { report: "findings"; options: z.infer<typeof FindingsOptionsSchema> };

export function registerReportOptions(args: string[]): RegisterReportOptions {
  if (args[0] === "themes") return { report: "themes", options: readOptions("report themes", args.slice(1), FLAGS, ThemesOptionsSchema) };
  const { format: _unused, ...flags } = FLAGS;
  return { report: "findings", options: readOptions("report findings", args.slice(1), flags, FindingsOptionsSchema) };
}

/** The register's reports, read from the store at `settings` (the demo's, locally). */
export async function registerReportCommand(settings: Settings, { report, options }: RegisterReportOptions, now = new Date()): Promise<string> {
  const opened = await openStore(settings, { seedDemo: true });
  try {
    const [{ records }, { register, problems }] = await Promise.all([opened.store.readRecords(), opened.register.readRegister()]);
    for (const problem of problems) console.error(`assure: register: skipped ${problem}`);
    const boards = [...new Set([...records.plans.flatMap((p) => p.boards), ...register.reviews.map((r) => r.board)])].sort();
    if (!boards.includes(options.board)) throw new UsageError(`report ${report}: --board: no board "${options.board}"; there are: ${boards.join(", ")}`);
    const asOf = options["as-of"] ?? londonDate(now);
    if (report === "themes") {
      // The actions as they stood on the day: a later completion does not move a past day's report.
      const then = recordsAsAt(records, asOf);
      const themes = themesReport({ register, actions: then.actions, updates: then.progressUpdates, board: options.board, asOf });
      if (options.format === "json" && !options.out) return JSON.stringify(themes, null, 2);
      writeFileSync(options.out!, options.format === "json" ? JSON.stringify(themes, null, 2) : await themesXlsx(themes));
      return `wrote ${options.out} (${themes.themes.filter((t) => t.findings > 0).length} themes with findings, ${themes.repeats.length} repeat findings, as at ${ukDay(asOf)})`;
    }
    const record = publicRecord({ register, records, board: options.board, asOf, ukDay });
    writeFileSync(options.out, extname(options.out).toLowerCase() === ".html" ? publicRecordHtml(record) : await publicRecordDocx(record));
    return `wrote ${options.out} (public record: ${record.reviews.length} reviews, ${record.reviews.reduce((n, r) => n + r.findings.length, 0)} findings, as at ${ukDay(asOf)}; names and internal notes left out)`;
  } finally {
    await opened.close();
  }
}
