import { planFilterQuery, type PlanFilter } from "./plan-filter.js";

/** Where the tab lives, and the Teams app that hosts it (null: links open the tab in a browser). */
export interface TabAddress {
  publicUrl: string;
  teamsAppId: string | null;
}

/** The static tab every Teams link opens; appPackage/manifest.json declares it with this entity id. */
export const PLANS_TAB_ENTITY = "plans";

/**
 * A link to a view of a plan in the tab: a Teams deep link to the app's plans tab, carrying the
 * view as its sub-entity id (the tab reads it back from its context), with the web address as
 * the fallback; or, without a Teams app id (local mode), the web address itself.
 */
export function tabLink(address: TabAddress, planId: string, view: Partial<PlanFilter>, label: string): string {
  const query = planFilterQuery(view);
  const page = `plans/${encodeURIComponent(planId)}${query ? `?${query}` : ""}`;
  const webUrl = `${address.publicUrl}/tab/${page}`;
  if (!address.teamsAppId) return webUrl;
  const params = new URLSearchParams({ webUrl, label, context: JSON.stringify({ subEntityId: page }) });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(address.teamsAppId)}/${PLANS_TAB_ENTITY}?${params.toString()}`;
}

export const LOCAL_TAB_ADDRESS: TabAddress = { publicUrl: "http://localhost:3978", teamsAppId: null };
