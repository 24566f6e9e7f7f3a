import type { BoardPaper } from "../core/board-paper.js";
import { COLUMNS, tableRows, type Cell } from "./plan-table.js";

/**
 * The plan as CSV (RFC 4180, UTF-8 with a byte-order mark so Excel reads it as UTF-8). A cell a
 * spreadsheet would run as a formula (starting =, +, -, @) is prefixed with an apostrophe.
 */
export function planCsv(paper: BoardPaper): string {
  const cell = (value: Cell) => {
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? "");
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [COLUMNS.map(cell), ...tableRows(paper).map((r) => r.cells.map(cell))].map((cells) => cells.join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
