import { FluentProvider, Spinner, makeStyles, mergeClasses, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, tokens } from "@fluentui/react-components";
import { Suspense, lazy, useCallback, useEffect, useState } from "react";
import { api, apiOnce } from "./api";
import { BOARD_KEY, BoardSwitcher } from "./BoardSwitcher";
import { DevelopmentIdentity } from "./DevelopmentIdentity";
import { boardShown } from "../../src/core/board-scope.js";
import { Home } from "./Home";
import { PlanPage } from "./PlanPage";
import { useNarrow } from "./useNarrow";
import { ViewsNav } from "./ViewsNav";
import { connectHost, knownHost, onThemeChange, type Host } from "./teams";
import type { Me } from "./types";

// Views most visits never open are loaded when first needed.
const ConfigPage = lazy(() => import("./ConfigPage").then((m) => ({ default: m.ConfigPage })));
const MyActions = lazy(() => import("./MyActions").then((m) => ({ default: m.MyActions })));
const DirectoryPage = lazy(() => import("./DirectoryPage").then((m) => ({ default: m.DirectoryPage })));
const DashboardPage = lazy(() => import("./DashboardPage").then((m) => ({ default: m.DashboardPage })));
const ImportPage = lazy(() => import("./ImportPage").then((m) => ({ default: m.ImportPage })));
const LatePage = lazy(() => import("./LatePage").then((m) => ({ default: m.LatePage })));
const Decisions = lazy(() => import("./Decisions").then((m) => ({ default: m.Decisions })));
const FindingsPage = lazy(() => import("./FindingsPage").then((m) => ({ default: m.FindingsPage })));
const ThemesPage = lazy(() => import("./ThemesPage").then((m) => ({ default: m.ThemesPage })));

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

const useStyles = makeStyles({
  // The page is the window's height; views scroll inside it (the plan inside its list).
  root: { height: "100vh", display: "flex", flexDirection: "column", backgroundColor: tokens.colorNeutralBackground2, "@media print": { height: "auto", display: "block" } },
  bar: { display: "flex", alignItems: "center", gap: "16px", padding: "8px 16px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1, flexWrap: "wrap" },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  main: { flex: 1, display: "flex", flexDirection: "column", minHeight: 0, overflowY: "auto", "@media print": { overflow: "visible", display: "block" } },
  // On paper: the plan, not the navigation, identity or filters.
  noPrint: { "@media print": { display: "none" } },
});

/** The path under /tab/, and its query, as the current view: deep links and the back button both work. */
export interface Place {
  path: string;
  search: URLSearchParams;
}
const here = (): Place => ({ path: location.pathname.replace(/^\/tab\/?/, ""), search: new URLSearchParams(location.search) });

export function App() {
  // Known at once outside Teams (main.tsx asked before the app loaded): the first render is the page, not a spinner.
  const [host, setHost] = useState<Host | null>(knownHost);
  const [theme, setTheme] = useState<Host["theme"]>(() => knownHost()?.theme ?? "default");
  const [place, setPlace] = useState<Place>(here);
  const [me, setMe] = useState<Me | null>(null);
  const [identityVersion, setIdentityVersion] = useState(0);
  // Pages that show one board wait for who is asking, so they open on the person's own board.
  const [meKnown, setMeKnown] = useState(false);
  const [chosenBoard, setChosenBoard] = useState<string | null>(() => localStorage.getItem(BOARD_KEY));
  const s = useStyles();
  const narrow = useNarrow();

  useEffect(() => {
    const stopFollowingTheme = onThemeChange(setTheme);
    void connectHost().then((h) => {
      setTheme(h.theme);
      // A deep link from a digest opens the tab with its view in the sub-page id.
      if (h.subPageId) {
        history.replaceState(null, "", `/tab/${h.subPageId.replace(/^\//, "")}`);
        setPlace(here());
      }
      setHost(h);
    });
    const onPop = () => setPlace(here());
    addEventListener("popstate", onPop);
    return () => {
      removeEventListener("popstate", onPop);
      stopFollowingTheme();
    };
  }, []);

  useEffect(() => {
    // The first ask was made by main.tsx, before the app loaded.
    if (host) void (identityVersion === 0 ? apiOnce<Me> : api<Me>)("/api/me").then(setMe, () => setMe(null)).finally(() => setMeKnown(true));
  }, [host, identityVersion]);

  const navigate = useCallback((to: string, replace = false) => {
    if (replace) history.replaceState(null, "", `/tab/${to}`);
    else history.pushState(null, "", `/tab/${to}`);
    setPlace(here());
  }, []);

  // The board shown: the one chosen here before, else the person's first (issue 23: one board at a time).
  const board = boardShown(chosenBoard, me?.roles?.boards ?? [], me?.boards ?? []);
  const planId = /^plans\/([^/]+)$/.exec(place.path)?.[1];
  const dashboardOf = /^(?:plans\/([^/]+)\/)?dashboard$/.exec(place.path);
  return (
    // The provider's class is copied onto every popup layer (menus, tooltips), so the page's own
    // layout (full height, background) goes on a div inside it, never on the provider: on the layer
    // it would cover the whole page.
    <FluentProvider theme={THEMES[theme]} dir="ltr">
      <div className={s.root}>
      <header className={mergeClasses(s.bar, s.noPrint)}>
        <span className={s.brand}>Assure</span>
        <ViewsNav path={place.path} narrow={narrow} navigate={navigate} decides={Boolean(me?.roles && (me.roles.admin || me.roles.managerOf.length > 0 || me.roles.chairOf.length > 0))} readsRegister={Boolean(me?.roles && (me.roles.admin || me.roles.boards.length > 0))} />
        {me && me.boards.length > 1 && <BoardSwitcher compact={narrow} shown={board} own={me.roles?.boards ?? []} named={me.boards} onChange={setChosenBoard} />}
        {me?.developmentPeople && <DevelopmentIdentity compact={narrow} me={me} onChange={() => setIdentityVersion((v) => v + 1)} />}
      </header>
      {/* The page scrolls inside main, so main takes focus (a keyboard can scroll pages with no links, such as the leads directory on a phone). */}
      <main className={s.main} tabIndex={0}>
        <Suspense fallback={<Spinner label="Loading…" />}>
        {!host ? (
          <Spinner label="Loading Assure…" />
        ) : host.frame === "settings" ? (
          <ConfigPage />
        ) : !meKnown && !planId ? (
          <Spinner label="Loading Assure…" />
        ) : dashboardOf ? (
          <DashboardPage key={place.path + place.search.toString() + board} planId={dashboardOf[1] ? decodeURIComponent(dashboardOf[1]) : null} board={board} asOf={place.search.get("asOf")} navigate={navigate} />
        ) : planId ? (
          <PlanPage key={`${planId}:${identityVersion}`} planId={decodeURIComponent(planId)} place={place} navigate={navigate} me={me} />
        ) : place.path === "late" ? (
          <LatePage key={place.search.toString() + board} board={board} asOf={place.search.get("asOf")} navigate={navigate} />
        ) : place.path === "findings" ? (
          <FindingsPage key={`${board}:${identityVersion}`} board={board} navigate={navigate} />
        ) : place.path === "themes" ? (
          <ThemesPage key={place.search.toString() + board + identityVersion} board={board} asOf={place.search.get("asOf")} navigate={navigate} />
        ) : place.path === "directory" ? (
          <DirectoryPage key={identityVersion} me={me} board={board} />
        ) : place.path === "import" ? (
          <ImportPage key={identityVersion} me={me} board={board} navigate={navigate} />
        ) : place.path === "decisions" ? (
          <Decisions key={identityVersion} me={me} navigate={navigate} />
        ) : place.path === "my-actions" ? (
          <MyActions key={identityVersion} me={me} />
        ) : (
          <Home navigate={navigate} me={me} board={board} />
        )}
        </Suspense>
      </main>
      </div>
    </FluentProvider>
  );
}
