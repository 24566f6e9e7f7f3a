import { annualReport, type AnnualReport, type FinancialYear } from "./annual-report.js";
import { ALL_BOARDS, boardNamed, plansOfBoard } from "./board-scope.js";
import type { Change } from "./change-log.js";
import type { PlanView } from "./plan-export.js";
import { annualRegister } from "./annual-register.js";
import { ukDay } from "./event-words.js";
import type { BoardRecords } from "./records.js";
import type { Register } from "./register.js";

/**
 * One board's annual report: only the plans that name the board, and only their history, so a
 * site several boards share never puts one board's reviews in another's report. "all" reports
 * every plan together, as asked for. A board no plan names is refused naming the boards there are.
 */
export function boardAnnualReport(plans: readonly PlanView[], changes: readonly Change[], year: FinancialYear, board: string, withRegister?: { register: Register; records: BoardRecords }): AnnualReport {
  const mine = plansOfBoard(plans, board);
  const ids = new Set(mine.map((p) => p.id));
  const report = annualReport(mine, changes.filter((c) => c.planId !== null && ids.has(c.planId)), year);
  if (board.trim().toLowerCase() === ALL_BOARDS) return report;
  const named = boardNamed(plans, board);
  // The register is per board: "all" boards' report draws on the plans alone.
  const register = withRegister && withRegister.register.reviews.some((r) => r.board === named) ? annualRegister({ ...withRegister, board: named, year, ukDay }) : null;
  return { ...report, boards: [named], register };
}
