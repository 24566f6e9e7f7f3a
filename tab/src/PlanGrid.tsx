import { Badge, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Fragment, memo, useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { SORT_KEYS, type SortKey } from "../../src/core/action-sort.js";
import { londonDayOf } from "../../src/core/london.js";
import { RATING_WORD, ukDate } from "./format";
import { RatingBadge } from "./RatingBadge";
import type { GridView, Row } from "./rows";
import type { TabAction } from "./types";

const COLUMNS: Record<SortKey, string> = { ref: "Ref", action: "Action", lead: "Lead", deadline: "Deadline", rating: "Rating", latest: "Latest update" };
const TEMPLATE = "4.5em minmax(0, 3fr) minmax(0, 1.3fr) 12.5em 13em minmax(0, 2fr)";
/** Rows a Page Up or Page Down moves. */
const PAGE = 10;
/**
 * An action row's height: one line each, so fixed, and the virtualiser's estimate is its size —
 * measuring the first screen then changes nothing and draws nothing again. Headings (which may
 * wrap) are estimated at one line and measured.
 */
const ROW_PX = 32;
const HEADING_PX = { section: 35, deliverable: 31, empty: 31 } as const;

const useStyles = makeStyles({
  scroller: { flex: 1, overflowY: "auto", minHeight: "200px", minWidth: 0, "@media print": { overflow: "visible", height: "auto" } },
  header: { position: "sticky", top: 0, zIndex: 1, display: "grid", gridTemplateColumns: TEMPLATE, gap: "12px", padding: "0 16px", backgroundColor: tokens.colorNeutralBackground3, borderBottom: `1px solid ${tokens.colorNeutralStroke1}` },
  columnheader: {
    padding: "8px 0",
    fontWeight: tokens.fontWeightSemibold,
    cursor: "pointer",
    userSelect: "none",
    ":hover": { textDecoration: "underline" },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  row: {
    display: "grid",
    gridTemplateColumns: TEMPLATE,
    gap: "12px",
    padding: "5px 16px",
    boxSizing: "border-box",
    height: `${ROW_PX}px`,
    alignItems: "center",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    cursor: "pointer",
    // Hover and the open row are marked by a line, not a new background: every badge keeps the
    // contrast it has on the page's own background, in light, dark and high contrast.
    ":hover": { boxShadow: `inset 0 0 0 1px ${tokens.colorNeutralStroke1Hover}` },
  },
  open: { boxShadow: `inset 4px 0 0 ${tokens.colorCompoundBrandStroke}`, ":hover": { boxShadow: `inset 4px 0 0 ${tokens.colorCompoundBrandStroke}, inset 0 0 0 1px ${tokens.colorNeutralStroke1Hover}` } },
  cell: { minWidth: 0, lineHeight: "20px", ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" } },
  // One line each, so more than a dozen actions fit a laptop's screen; the whole text is in the
  // cell's tooltip and the detail.
  clamp: { whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" },
  ref: { fontWeight: tokens.fontWeightSemibold },
  badges: { display: "flex", flexWrap: "nowrap", gap: "4px", alignItems: "center", overflow: "hidden", "& > *": { flexShrink: 0, whiteSpace: "nowrap" } },
  muted: { color: tokens.colorNeutralForeground3 },
  heading: { padding: "10px 16px 4px", backgroundColor: tokens.colorNeutralBackground3, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  sub: { padding: "6px 16px 4px 32px", backgroundColor: tokens.colorNeutralBackground2, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
});

/**
 * The plan on a desktop as a grid (the WAI-ARIA grid pattern): column headers that sort, the
 * document's grouping on or off, arrow keys between cells, Enter opens an action beside the grid.
 * `whole` draws every row (the browser's find sees them all); otherwise only those on screen.
 */
export function PlanGrid({ rows, whole, view, onView, onOpen, openId, empty }: {
  rows: Row[];
  whole: boolean;
  view: GridView;
  onView: (view: GridView) => void;
  onOpen: (actionId: string) => void;
  openId: string | null;
  empty: string | null;
}) {
  const s = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  // The one cell in the page's tab order (roving tabindex): row 0 is the header.
  const [focus, setFocus] = useState({ row: 0, col: 0, moved: false });
  const estimateSize = useCallback((i: number) => (rows[i]!.kind === "action" ? ROW_PX : HEADING_PX[rows[i]!.kind as keyof typeof HEADING_PX]), [rows]);
  const getItemKey = useCallback((i: number) => rows[i]!.key, [rows]);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    getItemKey,
    overscan: 6,
    // The first render draws half a window of rows before the list's own size is known (the
    // filters and headings take the rest), rather than one row and then the rest.
    initialRect: { width: 0, height: innerHeight / 2 },
  });
  const last = rows.length;
  const row = Math.min(focus.row, last);

  useEffect(() => {
    if (!focus.moved) return;
    if (!whole && row > 0) virtual.scrollToIndex(row - 1, { align: "auto" });
    const cell = () => scroller.current?.querySelector<HTMLElement>(`[data-cell="${row}:${cellOf(row, focus.col)}"]`);
    const target = cell();
    if (target) target.focus();
    else requestAnimationFrame(() => cell()?.focus());
  }, [focus, row]);

  /** Section and deliverable headings are one cell across the grid. */
  const cellOf = (r: number, col: number) => (r > 0 && rows[r - 1]?.kind !== "action" ? 0 : col);
  const sortBy = (key: SortKey) => onView({ ...view, sort: key, descending: view.sort === key ? !view.descending : false });
  const move = (r: number, col: number) => setFocus({ row: Math.max(0, Math.min(last, r)), col: Math.max(0, Math.min(SORT_KEYS.length - 1, col)), moved: true });
  const onKeyDown = (e: KeyboardEvent) => {
    const col = focus.col;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(row + 1, col),
      ArrowUp: () => move(row - 1, col),
      ArrowRight: () => move(row, col + 1),
      ArrowLeft: () => move(row, col - 1),
      Home: () => (e.ctrlKey ? move(1, 0) : move(row, 0)),
      End: () => (e.ctrlKey ? move(last, SORT_KEYS.length - 1) : move(row, SORT_KEYS.length - 1)),
      PageDown: () => move(row + PAGE, col),
      PageUp: () => move(row - PAGE, col),
      Enter: () => activate(),
      " ": () => activate(),
    };
    const act = keys[e.key];
    if (!act || (e.target as HTMLElement).closest("[data-cell]") === null) return;
    e.preventDefault();
    act();
  };
  const activate = () => {
    if (row === 0) sortBy(SORT_KEYS[focus.col]!);
    else {
      const r = rows[row - 1];
      if (r?.kind === "action") onOpen(r.action.id);
    }
  };
  const tab = (r: number, col: number) => (r === row && cellOf(r, focus.col) === col ? 0 : -1);
  const track = (r: number, col: number) => () => onCellFocus(r, col);
  // Stable, so a row redraws only when its own action, focus or openness changes.
  const onCellFocus = useCallback((r: number, col: number) => setFocus((f) => (f.row === r && f.col === col ? f : { row: r, col, moved: false })), []);
  const opener = useRef(onOpen);
  opener.current = onOpen;
  const openAction = useCallback((id: string) => opener.current(id), []);

  const drawRow = (r: Row, i: number) => {
    const index = i + 1;
    if (r.kind !== "action") {
      return (
        <div role="row" aria-rowindex={index + 1} className={r.kind === "section" ? s.heading : s.sub}>
          <div role="gridcell" aria-colspan={SORT_KEYS.length} className={s.cell} data-cell={`${index}:0`} tabIndex={tab(index, 0)} onFocus={track(index, 0)}>
            {r.kind === "section" ? <h2 style={{ margin: 0, fontSize: 16 }}>{r.label}: {r.title}</h2> : r.kind === "deliverable" ? <h3 style={{ margin: 0, fontSize: 14 }}>{r.label}: {r.title}</h3> : <span>No actions yet.</span>}
          </div>
        </div>
      );
    }
    return <GridRow action={r.action} index={index} open={r.action.id === openId} focusCol={index === row ? focus.col : null} onCellFocus={onCellFocus} onOpen={openAction} />;
  };

  return (
    <>
      <div ref={scroller} className={s.scroller} role="grid" aria-label="Actions" aria-rowcount={rows.length + 1} aria-colcount={SORT_KEYS.length} onKeyDown={onKeyDown}>
        <div role="rowgroup" className={s.header}>
          <div role="row" aria-rowindex={1} style={{ display: "contents" }}>
            {SORT_KEYS.map((key, col) => (
              <div
                key={key}
                role="columnheader"
                aria-sort={view.sort === key ? (view.descending ? "descending" : "ascending") : "none"}
                className={mergeClasses(s.cell, s.columnheader)}
                data-cell={`0:${col}`}
                tabIndex={tab(0, col)}
                onFocus={track(0, col)}
                onClick={() => sortBy(key)}
              >
                {COLUMNS[key]}{view.sort === key ? (view.descending ? " ↓" : " ↑") : ""}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup">
          {empty && <div role="row"><div role="gridcell" aria-colspan={SORT_KEYS.length} style={{ padding: 16 }}>{empty}</div></div>}
          {whole ? (
            rows.map((r, i) => <Fragment key={r.key}>{drawRow(r, i)}</Fragment>)
          ) : (
            <div style={{ height: virtual.getTotalSize(), position: "relative" }}>
              {virtual.getVirtualItems().map((item) => (
                <div key={item.key} data-index={item.index} ref={virtual.measureElement} style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${item.start}px)` }}>
                  {drawRow(rows[item.index]!, item.index)}
                </div>
              ))}
            </div>
          )}
        </div>
      </div>
    </>
  );
}

/** One action's row; `focusCol` is the cell in the page's tab order, if it is in this row. */
const GridRow = memo(function GridRow({ action, index, open, focusCol, onCellFocus, onOpen }: {
  action: TabAction;
  index: number;
  open: boolean;
  focusCol: number | null;
  onCellFocus: (r: number, col: number) => void;
  onOpen: (actionId: string) => void;
}) {
  const s = useStyles();
  const f = action.facts;
  const latest = action.updates.at(-1);
  const cell = (col: number, className: string | undefined, content: React.ReactNode, title?: string) => (
    <div role="gridcell" className={mergeClasses(s.cell, className)} data-cell={`${index}:${col}`} tabIndex={focusCol === col ? 0 : -1} onFocus={() => onCellFocus(index, col)} title={title}>
      {content}
    </div>
  );
  // A row is one line: a cell's badges that do not fit are cut, so the cell's title says them all.
  const deadline = f.deadline ? ukDate(f.deadline) : action.timescale.ongoing ? "Ongoing" : "No date";
  const status = action.status.state === "open" ? null : action.status.state === "not-implemented" ? "Not implemented" : action.status.state === "closed" ? "Signed off" : "Complete";
  const deadlineWords = [deadline, status, f.overdue && "Overdue", f.dueSoon && "Due soon"].filter(Boolean).join(", ");
  const ratingWords = [RATING_WORD[action.rating ?? "unrated"], f.stale.length > 0 && "Stale rating"].filter(Boolean).join(", ");
  return (
    <div role="row" aria-rowindex={index + 1} aria-selected={open} className={mergeClasses(s.row, open && s.open)} data-action-id={action.id} onClick={() => onOpen(action.id)}>
      {cell(0, s.ref, action.ref)}
      {cell(1, s.clamp, action.text, action.text)}
      {cell(2, s.clamp, <>{action.lead.asWritten}{f.unreachable.length > 0 && <> <Badge appearance="outline" color="informative">Not reachable in Teams</Badge></>}</>, f.unreachable.length > 0 ? `${action.lead.asWritten}: not reachable in Teams` : action.lead.asWritten)}
      {cell(3, s.badges, <>
        <span>{deadline}</span>
        {status && <Badge appearance="outline" color="informative">{status}</Badge>}
        {f.overdue && <Badge appearance="outline" color="danger">Overdue</Badge>}
        {f.dueSoon && <Badge appearance="outline" color="warning">Due soon</Badge>}
      </>, deadlineWords)}
      {cell(4, s.badges, <><RatingBadge rating={action.rating} />{f.stale.length > 0 && <Badge appearance="outline" color="informative">Stale rating</Badge>}</>, ratingWords)}
      {cell(5, mergeClasses(s.clamp, s.muted), latest ? `${ukDate(londonDayOf(latest.at))}, ${latest.author.name}: ${latest.text}` : "No update yet", latest?.text)}
    </div>
  );
});
