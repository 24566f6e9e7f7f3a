import { Body1, Button, Caption1, Switch, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, MessageBar, Spinner, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { parsePlanFilter, planFilterQuery, type PlanFilter } from "../../src/core/plan-filter.js";
import { mayManagePlan, rolesOf } from "../../src/core/roles.js";
import { ActionRow } from "./ActionRow";
import { api, apiOnce, arrived, boardPath, download } from "./api";
import type { Place } from "./App";
import { Filters } from "./Filters";
import { useNarrow, useWide } from "./useNarrow";
import { usePrinting } from "./usePrinting";

/** Up to this many rows, the plan is drawn whole (see `whole`). */
const WHOLE_PLAN_ROWS = 400;
import { ukDate } from "./format";
import { PlanGrid } from "./PlanGrid";
import { DOCUMENT_VIEW, allActions, planRows, type GridView } from "./rows";
import type { Board, Me } from "./types";

// Loaded when first opened: the plan itself is drawn sooner without them.
const ActionDetail = lazy(() => import("./ActionDetail").then((m) => ({ default: m.ActionDetail })));
const Summary = lazy(() => import("./Summary").then((m) => ({ default: m.Summary })));
const Changes = lazy(() => import("./Changes").then((m) => ({ default: m.Changes })));
const PlanTools = lazy(() => import("./PlanTools").then((m) => ({ default: m.PlanTools })));

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", height: "100%", minHeight: 0, "@media print": { height: "auto", display: "block" } },
  head: { display: "flex", alignItems: "baseline", gap: "4px 16px", padding: "8px 16px", flexWrap: "wrap", "@media (max-width: 639px)": { gap: "0 12px", padding: "6px 16px" } },
  title: { "@media (min-width: 1024px)": { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 }, "@media (max-width: 639px)": { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, flexBasis: "100%" } },
  // The grid (or the cards) and, on a desktop, the open action beside it.
  body: { flex: 1, display: "flex", minHeight: 0, "@media print": { display: "block" } },
  gridColumn: { flex: 1, display: "flex", flexDirection: "column", minWidth: 0, minHeight: 0 },
  list: { flex: 1, overflowY: "auto", minHeight: "200px", "@media print": { overflow: "visible", height: "auto" } },
  heading: { padding: "12px 16px 6px", backgroundColor: tokens.colorNeutralBackground3, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  sub: { padding: "8px 16px 6px 32px", backgroundColor: tokens.colorNeutralBackground2, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
});

export function PlanPage({ planId, place, navigate, me }: { planId: string; place: Place; navigate: (to: string, replace?: boolean) => void; me: Me | null }) {
  const s = useStyles();
  const { filter, problems } = useMemo(() => parsePlanFilter(place.search), [place.search]);
  const path = boardPath(planId, filter.asOf);
  // The plan asked for by main.tsx has usually arrived by now: drawn in the first render.
  const [board, setBoard] = useState<Board | null>(() => arrived<Board>(path));
  const drawnFirst = useRef(board !== null);
  const [error, setError] = useState<string | null>(null);
  const [showSummary, setShowSummary] = useState(place.search.has("since"));
  const [showChanges, setShowChanges] = useState(false);
  const [saves, setSaves] = useState(0);
  const narrow = useNarrow();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [moreOpen, setMoreOpen] = useState(false);

  const load = useCallback((fresh = true) => (fresh ? api<Board>(path) : apiOnce<Board>(path)).then(setBoard, (e: Error) => setError(e.message)), [path]);
  useEffect(() => {
    if (drawnFirst.current) drawnFirst.current = false;
    else void load(false);
  }, [load]);

  // The filter lives in the URL, so the view can be linked to (digests do) and the back button works.
  const setFilter = (change: Partial<PlanFilter>) => {
    const q = planFilterQuery({ ...filter, ...change });
    navigate(`plans/${encodeURIComponent(planId)}${q ? `?${q}` : ""}`, "q" in change);
  };

  const wide = useWide();
  const [view, setView] = useState<GridView>(DOCUMENT_VIEW);
  // Phones and tablets keep the document's order, as cards; the desktop grid sorts and ungroups.
  const shownView = wide ? view : DOCUMENT_VIEW;
  const { rows, shown } = useMemo(() => (board ? planRows(board.plan, filter, shownView) : { rows: [], shown: 0 }), [board, filter, shownView]);
  const total = useMemo(() => (board ? allActions(board.plan).length : 0), [board]);
  const leadIds = useMemo(() => new Set(board ? allActions(board.plan).flatMap((a) => (a.facts.leadId ? [a.facts.leadId] : [])) : []), [board]);
  const scroller = useRef<HTMLDivElement>(null);
  const printing = usePrinting();
  // A plan of a few hundred actions is drawn whole, so the browser's find sees every row; so is
  // any plan being printed. Larger plans are virtualised on screen.
  const whole = printing || rows.length <= WHOLE_PLAN_ROWS;
  const drawRow = (row: (typeof rows)[number]) =>
    row.kind === "action" ? (
      <ActionRow action={row.action} onOpen={() => setFilter({ action: row.action.id })} />
    ) : row.kind === "empty" ? (
      <Body1 as="p" style={{ margin: 0, padding: "8px 32px" }}>No actions yet.</Body1>
    ) : (
      <div className={row.kind === "section" ? s.heading : s.sub}>
        {row.kind === "section" ? <h2 style={{ margin: 0, fontSize: 16 }}>{row.label}: {row.title}</h2> : <h3 style={{ margin: 0, fontSize: 14 }}>{row.label}: {row.title}</h3>}
      </div>
    );
  const getItemKey = useCallback((i: number) => rows[i]!.key, [rows]);
  // The cards' list (phones, tablets) is virtualised here; the desktop grid has its own.
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => 84, overscan: 8, getItemKey, enabled: !(wide && !printing) && !whole });

  if (error) return <MessageBar intent="error">{error}</MessageBar>;
  if (!board) return <Spinner label="Loading the plan…" />;
  // From the plan as just loaded, not the roles read at sign-in: a plan created since is still theirs.
  // From the plan as just read (a plan made since /api/me was asked is not in me.roles yet).
  const manages = me?.roles ? mayManagePlan(rolesOf(me.roles.personId, { plans: [board.plan], subgroups: [], leads: [] }, me.roles.admin), board.plan.id) : false;
  const saved = () => {
    setSaves((n) => n + 1);
    void load();
  };
  const open = filter.action ? allActions(board.plan).find((a) => a.id === filter.action) : undefined;
  const tools = (
    <>
      <Button appearance="subtle" onClick={() => setShowSummary((v) => !v)} aria-expanded={showSummary}>{showSummary ? "Hide summary" : "Summary"}</Button>
      <Button appearance="subtle" onClick={() => setShowChanges((v) => !v)} aria-expanded={showChanges}>{showChanges ? "Hide changes" : "Who changed what"}</Button>
      <Button appearance="subtle" onClick={() => navigate(`plans/${encodeURIComponent(planId)}/dashboard${filter.asOf ? `?asOf=${filter.asOf}` : ""}`)}>Dashboard</Button>
      {wide && <Switch label="Group as the document" checked={view.grouped} onChange={(_, d) => setView({ ...view, grouped: d.checked })} />}
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button appearance="subtle">Download</Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {(["docx", "xlsx", "csv"] as const).map((format) => (
              <MenuItem key={format} onClick={() => void download(`/api/plans/${encodeURIComponent(planId)}/export?format=${format}&asOf=${board.today}${filter.since ? `&since=${filter.since}` : ""}`, `${planId}.${format}`).catch((e: Error) => setError(e.message))}>
                {format === "docx" ? "Board paper (Word)" : format === "xlsx" ? "Workbook (Excel)" : "Spreadsheet (CSV)"}
              </MenuItem>
            ))}
          </MenuList>
        </MenuPopover>
      </Menu>
      {manages && (
        <Suspense fallback={null}>
          <PlanTools plan={board.plan} directory={board.directory} onSaved={saved} />
        </Suspense>
      )}
    </>
  );
  return (
    <div className={s.page}>
      <div className={s.head}>
        <Title2 as="h1" className={s.title}>{board.plan.title}</Title2>
        <Body1 role="status" aria-live="polite" data-testid="shown">Showing {shown} of {total} actions</Body1>
        <Caption1>{filter.asOf ? <>As at {ukDate(board.today)} <Button size="small" appearance="subtle" onClick={() => setFilter({ asOf: null })}>Show today</Button></> : <>Today: {ukDate(board.today)}</>}</Caption1>
        {!narrow && tools}
      </div>
      {problems.map((p) => <MessageBar key={p} intent="warning">This link's filter was not understood and is ignored: {p}</MessageBar>)}
      {filter.action && !open && <MessageBar intent="warning">Action “{filter.action}” is not in this plan.</MessageBar>}
      {narrow && (
        // On a phone the plan's tools wait behind "More", as the filters do, so its first action is on the first screen.
        <div style={{ padding: "0 16px 6px", display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
          <Button onClick={() => setFiltersOpen((v) => !v)} aria-expanded={filtersOpen} style={{ minHeight: 44 }}>
            {filtersOpen ? "Hide filters" : `Filters${activeFilters(filter) ? ` (${activeFilters(filter)} on)` : ""}`}
          </Button>
          <Button onClick={() => setMoreOpen((v) => !v)} aria-expanded={moreOpen} style={{ minHeight: 44 }}>{moreOpen ? "Less" : "More"}</Button>
          {moreOpen && tools}
        </div>
      )}
      {(!narrow || filtersOpen) && <Filters filter={filter} directory={board.directory} leadIds={leadIds} onChange={setFilter} />}
      {showSummary && (
        <Suspense fallback={<Spinner size="tiny" label="Loading the summary…" />}>
          <Summary plan={board.plan} since={filter.since ?? ""} onSince={(d) => setFilter({ since: d || null })} />
        </Suspense>
      )}
      {showChanges && (
        <Suspense fallback={<Spinner size="tiny" label="Loading changes…" />}>
          <div style={{ maxHeight: 240, overflowY: "auto", padding: "0 16px" }}>
            <Changes query={`planId=${encodeURIComponent(planId)}`} refresh={saves} />
          </div>
        </Suspense>
      )}
      <div className={s.body}>
      {wide && !printing ? (
        <div className={s.gridColumn}>
          <PlanGrid rows={rows} whole={whole} view={view} onView={setView} onOpen={(id) => setFilter({ action: id })} openId={open?.id ?? null} empty={rows.length === 0 ? (total === 0 ? "This plan has no actions yet." : "No actions match these filters.") : null} />
        </div>
      ) : (
      <div ref={scroller} className={s.list} role="region" aria-label="Actions" tabIndex={0}>
        {rows.length === 0 && <Body1 as="p" style={{ padding: 16 }}>{total === 0 ? "This plan has no actions yet." : "No actions match these filters."}</Body1>}
        {whole ? (
          rows.map((row) => <div key={row.key}>{drawRow(row)}</div>)
        ) : (
          <div style={{ height: virtual.getTotalSize(), position: "relative" }}>
            {virtual.getVirtualItems().map((item) => (
              <div key={item.key} data-index={item.index} ref={virtual.measureElement} style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${item.start}px)` }}>
                {drawRow(rows[item.index]!)}
              </div>
            ))}
          </div>
        )}
      </div>
      )}
      {open && (
        <Suspense fallback={<Spinner size="tiny" label="Opening the action…" />}>
        <ActionDetail
          beside={wide}
          action={open}
          directory={board.directory}
          ragKey={board.plan.ragKey}
          me={me}
          onClose={() => setFilter({ action: null })}
          onChanged={saved}
        />
        </Suspense>
      )}
      </div>
    </div>
  );
}

/** How many filters are on, for the phone's "Filters" button. */
function activeFilters(f: PlanFilter): number {
  return f.rating.length + (f.lead ? 1 : 0) + (f.subgroup ? 1 : 0) + [f.overdue, f.dueSoon, f.stale, f.unreachable].filter(Boolean).length + (f.q ? 1 : 0);
}
