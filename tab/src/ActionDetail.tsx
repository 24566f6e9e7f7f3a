import { Body1, Button, Caption1, DrawerBody, DrawerHeader, DrawerHeaderTitle, Drawer, Link, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { RagKey } from "../../src/core/rag.js";
import { useEffect, useState } from "react";
import { mayEditAction, mayUpdateProgress } from "../../src/core/roles.js";
import { api } from "./api";
import { Changes } from "./Changes";
import { DeadlineDecision } from "./DeadlineDecision";
import { EditActionForm } from "./EditActionForm";
import { EvidenceUpload } from "./EvidenceUpload";
import { ukDate, ukDateTime } from "./format";
import { ProgressForm } from "./ProgressForm";
import { RatingBadge } from "./RatingBadge";
import { useNarrow } from "./useNarrow";
import type { Directory, Me, ProgressUpdate, TabAction } from "./types";

interface ActionHistory {
  updates: ProgressUpdate[];
  /** Each with its line in people's words: "Megan Bowen (board manager), 3 Dec 2026: Green → Amber — …". */
  events: { id: string; words: string }[];
  pendingDeadlineRequests: string[];
}

const useStyles = makeStyles({
  facts: { display: "grid", gridTemplateColumns: "max-content 1fr", gap: "4px 12px", margin: "8px 0" },
  update: { borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, paddingLeft: "8px", margin: "8px 0" },
  muted: { color: tokens.colorNeutralForeground3 },
});

const VIA = { "plan-document": "from the plan document", "teams-card": "on a Teams reminder card", tab: "in the tab", cli: "from the command line", "email-link": "by email link" } as const;

export function ActionDetail({ action, directory, ragKey, me, beside = false, onClose, onChanged }: { action: TabAction; directory: Directory; ragKey?: RagKey; me: Me | null; beside?: boolean; onClose: () => void; onChanged: () => void }) {
  const s = useStyles();
  const roles = me?.roles ?? null;
  const canEdit = roles !== null && mayEditAction(roles, { planId: action.planId, subgroupIds: action.facts.subgroupIds });
  const canReport = roles !== null && action.status.state === "open" && mayUpdateProgress(roles, { leadId: action.facts.leadId });
  const f = action.facts;
  const narrow = useNarrow();
  // The plan board carries only the latest update: the whole history (updates, managers' changes,
  // decisions, a deadline request waiting) is fetched when it is opened.
  const [history, setHistory] = useState<ActionHistory | null>(null);
  const count = action.updateCount ?? action.updates.length;
  useEffect(() => {
    setHistory(null);
    void api<ActionHistory>(`/api/actions/${encodeURIComponent(action.id)}/updates`).then(setHistory, () => setHistory(null));
  }, [action.id, count, action.version]);
  const updates = history?.updates ?? action.updates;
  const waiting = history?.updates.find((u) => history.pendingDeadlineRequests.includes(u.id)) ?? null;
  return (
    // On a desktop the detail sits beside the grid (a non-modal dialog: the grid stays usable);
    // on a phone or tablet it covers the plan until closed.
    <Drawer type={beside ? "inline" : "overlay"} separator open position="end" size={narrow ? "full" : beside ? "medium" : "large"} onOpenChange={(_, d) => !d.open && onClose()} role="dialog" aria-label={`Action ${action.ref}`}>
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" onClick={onClose}>Close</Button>}>Action {action.ref}</DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        <Body1 as="p">{action.text}</Body1>
        <dl className={s.facts}>
          <dt>Lead</dt>
          <dd style={{ margin: 0 }}>{action.lead.asWritten}{f.leadPeople.length ? ` (${f.leadPeople.join(", ")})` : " — not in the leads directory"}</dd>
          <dt>Deadline</dt>
          <dd style={{ margin: 0 }}>
            {f.deadline ? ukDate(f.deadline) : action.timescale.ongoing ? "Ongoing" : "No date"} — timescale as written: “{action.timescale.text}”
            {action.revisedDeadline && <> — revised: {action.revisedDeadline.reason}</>}
            {action.timescale.problem && <> — {action.timescale.problem}</>}
          </dd>
          <dt>Rating</dt>
          <dd style={{ margin: 0 }}><RatingBadge rating={action.rating} />{ragKey && action.rating && <Caption1> {ragKey[action.rating]}</Caption1>}{f.stale.length > 0 && <Caption1> Stale: {f.stale.map((r) => (r.kind === "past-deadline" ? `still ${r.rating} after the deadline` : `nothing heard for ${r.days} days`)).join("; ")}</Caption1>}</dd>
          <dt>Status</dt>
          <dd style={{ margin: 0 }}>{action.status.state === "closed" ? `Signed off by ${action.status.by} on ${ukDate(action.status.on)}` : action.status.state === "not-implemented" ? `Not implemented: ${action.status.reason}` : action.status.state === "complete" ? "Awaiting sign-off" : "Open"}</dd>
          {action.partners && (<><dt>Partners</dt><dd style={{ margin: 0 }}>{action.partners}</dd></>)}
          {action.expectedOutcome && (<><dt>Expected outcome</dt><dd style={{ margin: 0 }}>{action.expectedOutcome}</dd></>)}
          {f.unreachable.length > 0 && (<><dt>Not reachable</dt><dd style={{ margin: 0 }}>{f.unreachable.map((u) => `${u.name} (${u.reason ?? (u.reach === "not-installed" ? "has not installed Assure" : "Teams refused the last message")})`).join(", ")}</dd></>)}
        </dl>
        <Subtitle2 as="h3" style={{ display: "block", marginTop: 16 }}>History</Subtitle2>
        {updates.length === 0 && <Body1 as="p">No progress updates yet.</Body1>}
        {updates.length < count && <Body1 as="p">Loading the earlier updates…</Body1>}
        <ol style={{ listStyle: "none", padding: 0 }} aria-label="Progress updates, oldest first">
          {updates.map((u) => (
            <li key={u.id} className={s.update}>
              <Caption1 className={s.muted}>{ukDateTime(u.at)} · {u.author.name} · {u.recordedBy ? `recorded by ${u.recordedBy.name} for ${u.author.name}, from ${u.recordedBy.source}` : VIA[u.via]}</Caption1>
              <Body1 as="p" style={{ whiteSpace: "pre-wrap", margin: "4px 0" }}>{u.text}</Body1>
              {u.rating && <RatingBadge rating={u.rating} />}
              {u.markedComplete && <Caption1> Marked complete.</Caption1>}
              {u.proposedDeadline && <Caption1 as="p">Asked for a new deadline: {ukDate(u.proposedDeadline.date)} ({u.proposedDeadline.reason})</Caption1>}
              {u.evidence.length > 0 && (
                <ul aria-label="Evidence">
                  {u.evidence.map((e) => <li key={e}><Link href={e} target="_blank" rel="noreferrer">{e}</Link></li>)}
                </ul>
              )}
            </li>
          ))}
        </ol>
        {history && history.events.length > 0 && (
          <>
            <Subtitle2 as="h3" style={{ display: "block", marginTop: 16 }}>Decisions and changes</Subtitle2>
            <ol style={{ listStyle: "none", padding: 0 }} aria-label="Decisions and changes, oldest first">
              {history.events.map((e) => <li key={e.id} className={s.update}><Body1>{e.words}</Body1></li>)}
            </ol>
          </>
        )}
        {canEdit && waiting && <DeadlineDecision action={action} request={waiting} onSaved={onChanged} />}
        <Changes query={`subjectId=${encodeURIComponent(action.id)}`} refresh={action.version} />
        {canReport && <ProgressForm action={action} ragKey={ragKey} onSaved={onChanged} />}
        {canReport && <EvidenceUpload action={action} onSaved={onChanged} />}
        {canEdit && <EditActionForm action={action} directory={directory} ragKey={ragKey} onSaved={onChanged} />}
      </DrawerBody>
    </Drawer>
  );
}
