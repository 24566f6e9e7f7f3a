import { annualReport, type AnnualReport, type FinancialYear } from "./annual-report.js";
import { ALL_BOARDS, boardNamed, plansOfBoard } from "./board-scope.js";
import type { Change } from "./change-log.js";
import type { PlanView } from "./plan-export.js";

/**
 * One board's annual report: only the plans that name the board, and only their history, so a
 * site several boards share never puts one board's reviews in another's report. "all" reports
 * every plan together, as asked for. A board no plan names is refused naming the boards there are.
 */
export function boardAnnualReport(plans: readonly PlanView[], changes: readonly Change[], year: FinancialYear, board: string): AnnualReport {
  const mine = plansOfBoard(plans, board);
  const ids = new Set(mine.map((p) => p.id));
  const report = annualReport(mine, changes.filter((c) => c.planId !== null && ids.has(c.planId)), year);
  return board.trim().toLowerCase() === ALL_BOARDS ? report : { ...report, boards: [boardNamed(plans, board)] };
}
