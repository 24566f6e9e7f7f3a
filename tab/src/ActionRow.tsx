import { Badge, Body1, Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { londonDayOf } from "../../src/core/london.js";
import { ukDate } from "./format";
import { RatingBadge } from "./RatingBadge";
import type { TabAction } from "./types";
import { DUE_SOON_DAYS } from "../../src/core/due-soon.js";

const useStyles = makeStyles({
  row: {
    display: "grid",
    gridTemplateColumns: "4.5em minmax(0, 1fr) 14em 10em 7em",
    gap: "12px",
    padding: "8px 16px",
    width: "100%",
    textAlign: "left",
    border: "none",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    cursor: "pointer",
    font: "inherit",
    // A line, not a new background, so badges keep their contrast in every theme.
    ":hover": { boxShadow: `inset 0 0 0 1px ${tokens.colorNeutralStroke1Hover}` },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
    "@media (max-width: 639px)": {
      gridTemplateColumns: "minmax(0, 1fr) auto",
      gridTemplateAreas: '"ref rating" "main main" "lead deadline"',
      gap: "4px 12px",
      padding: "10px 16px",
    },
  },
  refArea: { "@media (max-width: 639px)": { gridArea: "ref" } },
  mainArea: { "@media (max-width: 639px)": { gridArea: "main" } },
  leadArea: { "@media (max-width: 639px)": { gridArea: "lead" } },
  deadlineArea: { "@media (max-width: 639px)": { gridArea: "deadline", textAlign: "right" } },
  ratingArea: { "@media (max-width: 639px)": { gridArea: "rating" } },
  cell: { display: "block", minWidth: 0, overflowWrap: "anywhere" },
  ref: { fontWeight: tokens.fontWeightSemibold },
  flags: { display: "flex", gap: "4px", flexWrap: "wrap", marginTop: "4px" },
  muted: { color: tokens.colorNeutralForeground3, display: "block" },
});

export function ActionRow({ action, onOpen }: { action: TabAction; onOpen: () => void }) {
  const s = useStyles();
  const latest = action.updates.at(-1);
  const f = action.facts;
  return (
    <button type="button" className={s.row} onClick={onOpen} data-action-id={action.id}>
      <Body1 className={mergeClasses(s.ref, s.refArea)}>{action.ref}</Body1>
      <span className={mergeClasses(s.cell, s.mainArea)}>
        <Body1>{action.text}</Body1>
        {latest && <Caption1 className={s.muted}>Latest update ({ukDate(londonDayOf(latest.at))}, {latest.author.name}): {latest.text.length > 160 ? `${latest.text.slice(0, 160)}…` : latest.text}</Caption1>}
        <span className={s.flags}>
          {action.status.state !== "open" && <Badge appearance="outline" color="informative">{action.status.state === "not-implemented" ? "Not implemented" : action.status.state === "closed" ? "Signed off" : "Awaiting sign-off"}</Badge>}
          {f.overdue && <Badge appearance="outline" color="danger">Overdue</Badge>}
          {f.dueSoon && <Badge appearance="outline" color="warning">Due within {DUE_SOON_DAYS} days</Badge>}
          {f.stale.length > 0 && <Badge appearance="outline" color="informative">Stale rating</Badge>}
          {f.unreachable.length > 0 && <Badge appearance="outline" color="informative">Lead not reachable in Teams</Badge>}
        </span>
      </span>
      <span className={mergeClasses(s.cell, s.leadArea)}>
        <Body1>{action.lead.asWritten}</Body1>
        {f.leadPeople.length > 0 && <Caption1 className={s.muted}>{f.leadPeople.join(", ")}</Caption1>}
        {!f.leadId && <Caption1 className={s.muted}>Not in the leads directory</Caption1>}
      </span>
      <span className={mergeClasses(s.cell, s.deadlineArea)}>
        <Body1>{f.deadline ? ukDate(f.deadline) : action.timescale.ongoing ? "Ongoing" : "No date"}</Body1>
        <Caption1 className={s.muted}>{action.revisedDeadline ? `Revised (was “${action.timescale.text}”)` : `“${action.timescale.text}”`}</Caption1>
      </span>
      <span className={mergeClasses(s.cell, s.ratingArea)}>
        <RatingBadge rating={action.rating} />
      </span>
    </button>
  );
}
