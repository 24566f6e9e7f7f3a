import { InputError } from "./errors.js";

/**
 * One board's view of a site several boards share: its plans, picked by the board's name as the
 * plans write it ("Leicester Safeguarding Adults Board"), compared loosely for case and spacing.
 * A name no plan writes is refused naming the boards there are, never read as "all of them".
 */
export const ALL_BOARDS = "all";

const key = (name: string) => name.toLowerCase().replace(/\s+/g, " ").trim();

/** Every board the plans name, in the order they first appear. */
export const boardsNamed = (plans: readonly { boards: readonly string[] }[]): string[] => [...new Set(plans.flatMap((p) => p.boards))];

/** The board as the plans write it, or an error naming the boards there are. */
export function boardNamed(plans: readonly { boards: readonly string[] }[], name: string): string {
  const boards = boardsNamed(plans);
  const found = boards.find((b) => key(b) === key(name));
  if (found) return found;
  const there = boards.length ? `the boards there are: ${boards.map((b) => `"${b}"`).join(", ")}` : "there are no plans yet";
  throw new InputError("board", `no plan belongs to a board called "${name}"; ${there}`);
}

/** The plans of one board; or of every board when asked for "all". */
export function plansOfBoard<P extends { boards: readonly string[] }>(plans: readonly P[], name: string): P[] {
  if (key(name) === ALL_BOARDS) return [...plans];
  const board = boardNamed(plans, name);
  return plans.filter((p) => p.boards.includes(board));
}

/** The rows (leads, people, subgroups) that belong to any of these boards: what a form or filter about those boards offers. */
export const ofBoards = <T extends { boards: readonly string[] }>(rows: readonly T[], boards: readonly string[]): T[] => rows.filter((r) => r.boards.some((b) => boards.includes(b)));

/**
 * The board the tab shows. Reading stays open, so any board the plans name (or "all") may be
 * chosen; the one remembered stands while it is still there, else the person's first board, else all.
 */
export function boardShown(remembered: string | null, own: readonly string[], named: readonly string[]): string {
  if (remembered !== null && (key(remembered) === ALL_BOARDS || named.includes(remembered))) return remembered;
  return own.find((b) => named.includes(b)) ?? (named.length === 1 ? named[0]! : ALL_BOARDS);
}

/** The boards of one view: the board chosen, or every board the plans name. */
export const boardsOf = (shown: string, named: readonly string[]): string[] => (key(shown) === ALL_BOARDS ? [...named] : [shown]);
