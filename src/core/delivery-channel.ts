import type { PersonChannel } from "./lead.js";

export type Channel = "teams" | "email";

/**
 * Where a reminder or digest goes for one person: their chosen channel, given whether the bot
 * can reach them in Teams now and whether Assure can send email at all. Empty: nobody can
 * reach them (the sweep says so, and their plan's managers see it).
 */
export function deliveryChannels(chosen: PersonChannel, can: { teams: boolean; email: boolean }): Channel[] {
  switch (chosen) {
    case "teams":
      return can.teams ? ["teams"] : [];
    case "email":
      return can.email ? ["email"] : [];
    case "both":
      return [...(can.teams ? (["teams"] as const) : []), ...(can.email ? (["email"] as const) : [])];
    case "teams-else-email":
      return can.teams ? ["teams"] : can.email ? ["email"] : [];
  }
}

/** The ledger key of a delivery by email: its own claim, so "both" sends each channel once. */
export const emailKey = (key: string): string => `${key}|email`;
export const isEmailKey = (key: string): boolean => key.endsWith("|email");
export const baseKey = (key: string): string => (isEmailKey(key) ? key.slice(0, -"|email".length) : key);
