import { Body1, Caption1, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { changeWords } from "../../src/core/event-words.js";
import { api } from "./api";
import { ukDateTime } from "./format";

interface Change {
  id: string;
  at: string;
  by: { personId: string; name: string };
  subject: { kind: string; id: string; label: string };
  what: "created" | "edited";
  fields: { field: string; from: unknown; to: unknown }[];
}

const useStyles = makeStyles({
  entry: { borderLeft: `3px solid ${tokens.colorBrandStroke1}`, paddingLeft: "8px", margin: "8px 0" },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** A value as a person reads it: text quoted and cut short, lists joined, nothing as "nothing". */
function shown(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "string") return `“${value.length > 120 ? `${value.slice(0, 119)}…` : value}”`;
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(shown).join(", ");
  if (typeof value === "object" && "state" in value) return String((value as { state: string }).state);
  if (typeof value === "object" && "text" in value) return shown((value as { text: string }).text); // a timescale
  if (typeof value === "object" && "asWritten" in value) return shown((value as { asWritten: string }).asWritten); // a lead
  if (typeof value === "object" && "date" in value) return `${(value as { date: string }).date} (${shown((value as { reason?: string }).reason ?? null)})`; // a revised deadline
  return JSON.stringify(value);
}

/** "boardMeetings" → "board meetings". */
const fieldName = (field: string) => field.replace(/([A-Z])/g, " $1").toLowerCase();

/** Who changed what, newest first: about a whole plan (`planId=`) or one record (`subjectId=`). */
export function Changes({ query, refresh = 0 }: { query: string; refresh?: string | number }) {
  const s = useStyles();
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ changes: Change[] }>(`/api/changes?${query}`).then((r) => setChanges(r.changes), (e: Error) => setError(e.message));
  }, [query, refresh]);
  return (
    <section aria-label="Who changed what">
      <Subtitle2 as="h3" style={{ display: "block", marginTop: 16 }}>Who changed what</Subtitle2>
      {error && <Body1 as="p">The change log could not be read: {error}</Body1>}
      {!changes && !error && <Spinner size="tiny" label="Loading changes…" />}
      {changes?.length === 0 && <Body1 as="p">No changes made in Assure yet.</Body1>}
      <ol style={{ listStyle: "none", padding: 0 }}>
        {changes?.map((c) => (
          <li key={c.id} className={s.entry} data-change={c.what}>
            <Caption1 className={s.muted}>{ukDateTime(c.at)}</Caption1>
            <Body1 as="p" style={{ margin: "2px 0" }}>
              <strong>{c.by.name}</strong> {c.what} {c.subject.label}
            </Body1>
            {c.what === "edited" && (
              <ul style={{ margin: 0 }}>
                {c.fields.map((f) => <li key={f.field}><Caption1>{(c.subject.kind === "action" && changeWords(f)) || `${fieldName(f.field)}: ${shown(f.from)} → ${shown(f.to)}`}</Caption1></li>)}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
