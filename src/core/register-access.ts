import type { Roles } from "./roles.js";

interface PlanLike {
  id: string;
  boards: readonly string[];
}

/**
 * The register belongs to a board: its reviews, findings and theme taxonomy are edited by
 * administrators and by managers of a plan of that board, never by another board's managers.
 */
export const mayEditRegister = (roles: Roles, board: string, plans: readonly PlanLike[]): boolean =>
  roles.admin || plans.some((p) => p.boards.includes(board) && roles.managerOf.includes(p.id));

/** An impact review: whoever may edit the board's register, and the recommendation's impact owner. */
export const mayRecordImpact = (roles: Roles, board: string, plans: readonly PlanLike[], link: { impactOwner: string | null }): boolean =>
  mayEditRegister(roles, board, plans) || (roles.personId !== null && roles.personId === link.impactOwner);
