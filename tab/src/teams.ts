// TeamsJS is loaded only inside Teams: outside it (local mode, a plain browser) it is not needed,
// and on load it fetches Microsoft's list of valid domains.
type TeamsJs = typeof import("@microsoft/teams-js");
let teams: TeamsJs | null = null;

/** Where the tab is running: inside Teams (with its theme and, for deep links, a sub-page), or a plain browser. */
export interface Host {
  inTeams: boolean;
  theme: "default" | "dark" | "contrast";
  /** Teams' frame: "settings" is the channel tab's configuration page. */
  frame: "content" | "settings";
  /** A deep link's sub-page: the query string of the view it opens. */
  subPageId: string | null;
}

let host: Host | null = null;

const browserTheme = (): Host["theme"] => {
  const asked = new URLSearchParams(location.search).get("theme");
  if (asked === "dark" || asked === "contrast" || asked === "default") return asked;
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "default";
};

const themeListeners = new Set<(theme: Host["theme"]) => void>();
/** Follows Teams' theme when the person changes it. */
export const onThemeChange = (listener: (theme: Host["theme"]) => void): (() => void) => {
  themeListeners.add(listener);
  return () => themeListeners.delete(listener);
};

/** Where the tab runs, if that is known already (outside Teams it is known at once). */
export const knownHost = (): Host | null => host;

let connecting: Promise<Host> | null = null;
/** Where the tab runs, worked out once: the first API request and the first render both wait on it. */
export const connectHost = (): Promise<Host> => (connecting ??= connect());

/** Teams hosts the tab in an iframe; outside one (local mode, plain browser) TeamsJS is not initialised at all. */
async function connect(): Promise<Host> {
  if (window.parent === window) return (host = { inTeams: false, theme: browserTheme(), frame: "content", subPageId: null });
  try {
    teams = await import("@microsoft/teams-js");
    const { app } = teams;
    await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error("Teams did not answer")), 5000))]);
    const context = await app.getContext();
    app.registerOnThemeChangeHandler((t) => themeListeners.forEach((listener) => listener(asTheme(t))));
    app.notifySuccess();
    return (host = {
      inTeams: true,
      theme: asTheme(context.app.theme),
      frame: context.page.frameContext === "settings" ? "settings" : "content",
      subPageId: context.page.subPageId || null,
    });
  } catch {
    return (host = { inTeams: false, theme: browserTheme(), frame: "content", subPageId: null });
  }
}

const asTheme = (t: string): Host["theme"] => (t === "dark" ? "dark" : t === "contrast" ? "contrast" : "default");

/** The Teams SSO token for the API; the server validates it on every request. */
export async function ssoToken(): Promise<string | null> {
  await connectHost();
  return host?.inTeams && teams ? teams.authentication.getAuthToken() : null;
}

/** The channel tab's configuration page saves which plan the tab shows. */
export function configurePlanTab(plan: { id: string; title: string } | null): void {
  if (!teams) return;
  const { pages } = teams;
  pages.config.setValidityState(plan !== null);
  if (!plan) return;
  pages.config.registerOnSaveHandler((save) => {
    void pages.config
      .setConfig({
        entityId: `plan:${plan.id}`,
        contentUrl: `${location.origin}/tab/plans/${encodeURIComponent(plan.id)}`,
        websiteUrl: `${location.origin}/tab/plans/${encodeURIComponent(plan.id)}`,
        suggestedDisplayName: plan.title.slice(0, 50),
      })
      .then(() => save.notifySuccess(), (e: unknown) => save.notifyFailure(String(e)));
  });
}
