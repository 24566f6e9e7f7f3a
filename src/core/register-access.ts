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

/**
 * Reading the register: it holds findings' internal notes, escalations and the reviewer's name, so
 * it is the board's own (administrators, the board's managers and members) and, for what they
 * answer for, the recommendations' impact owners. Everyone else reads the public record.
 */
export const mayReadRegister = (roles: Roles, board: string, links: readonly { impactOwner: string | null }[]): boolean =>
  roles.admin || roles.boards.includes(board) || (roles.personId !== null && links.some((l) => l.impactOwner === roles.personId));

/** An impact review: whoever may edit the board's register, and the recommendation's impact owner. */
export const mayRecordImpact = (roles: Roles, board: string, plans: readonly PlanLike[], link: { impactOwner: string | null }): boolean =>
  mayEditRegister(roles, board, plans) || (roles.personId !== null && roles.personId === link.impactOwner);
