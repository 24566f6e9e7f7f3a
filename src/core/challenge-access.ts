import type { Roles } from "./roles.js";

/**
 * The challenge log is the board's own correspondence with its agencies: its managers (and
 * administrators) write it; they and the chairs of the board's subgroups read it. Agencies'
 * leads do not: a question may be about them before it is put to them.
 */
export const mayWriteChallenges = (roles: Roles, board: string): boolean => roles.admin || roles.boardsManaged.includes(board);

export const mayReadChallenges = (roles: Roles, board: string, subgroups: readonly { id: string; boards: readonly string[] }[]): boolean =>
  mayWriteChallenges(roles, board) || subgroups.some((s) => s.boards.includes(board) && roles.chairOf.includes(s.id));
