import { Button, Field, Input, Link, MessageBar, MessageBarBody, Select, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea, Title2, Subtitle2, Body1 } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { ColumnField } from "../../src/core/column-mapping.js";
import type { ImportChoices, ImportProblem } from "../../src/core/plan-import.js";
import type { TableReport } from "../../src/core/plan-tables.js";
import { boardsToCreateFor, mayManagePlan } from "../../src/core/roles.js";
import { BoardsField, PeriodField, periodOrNull, type Period } from "./PlanFields";
import { api, ApiError } from "./api";
import type { Me, PlanSummary } from "./types";

interface Preview {
  plan: { id: string; title: string; isNew: boolean; boards: string[]; period: Period | null };
  /** The boards a new plan may be put in: the importing person's. */
  boardChoices: string[];
  fields: Record<ColumnField, string>;
  tables: TableReport[];
  actions: { id: string; ref: string; section: string; deliverable: string | null; text: string; lead: { asWritten: string; leadId: string | null }; timescale: { text: string; understood: boolean; deadline: string | null }; rating: string | null }[];
  problems: ImportProblem[];
  changes: { kind: string; id: string; label: string; what: string; fields: string[] }[];
  unchanged: number;
  notInDocument: string[];
  leads: { id: string; asWritten: string }[];
}
type Source = { name: string; content: string } | { name: string; text: string };

/** The file's bytes as base64, as the import routes take them. */
const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });

/**
 * "Import a plan": a Word or Excel plan (or text pasted from one) read into a preview, with each
 * column's field and each flagged problem for the board manager to settle, then stored on confirm.
 */
export function ImportPage({ me, board, navigate }: { me: Me | null; board: string; navigate: (to: string) => void }) {
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [source, setSource] = useState<Source | null>(null);
  const [pasted, setPasted] = useState("");
  // A new plan goes to the board shown, where the person may start plans there; else the server's default (the boards they manage).
  const [choices, setChoices] = useState<ImportChoices>(() => ({ planId: null, mappings: {}, leadFixes: {}, ...(me?.roles && boardsToCreateFor(me.roles).includes(board) ? { boards: [board] } : {}) }));
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stored, setStored] = useState<Preview["plan"] | null>(null);

  useEffect(() => void api<{ plans: PlanSummary[] }>("/api/plans").then((r) => setPlans(r.plans), () => undefined), []);
  useEffect(() => {
    if (!source) return;
    setBusy(true);
    // Only the answer to the latest choices is shown: an earlier, slower preview arriving later is dropped.
    let latest = true;
    api<Preview>("/api/imports/preview", { method: "POST", body: { ...source, choices } })
      .then((p) => { if (latest) { setPreview(p); setError(null); } }, (e: ApiError) => { if (latest) { setPreview(null); setError(e.message); } })
      .finally(() => latest && setBusy(false));
    return () => { latest = false; };
  }, [source, choices]);

  const managed = plans.filter((p) => me?.roles && mayManagePlan(me.roles, p.id));
  const blocking = preview?.problems.filter((p) => p.severity === "blocking") ?? [];
  const confirm = async () => {
    setBusy(true);
    try {
      const done = await api<{ plan: Preview["plan"] }>("/api/imports", { method: "POST", body: { ...source, choices } });
      setStored(done.plan);
    } catch (e: unknown) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const setMapping = (table: TableReport, column: number, field: string) =>
    setChoices((c) => ({ ...c, mappings: { ...c.mappings, [table.index]: table.header.map((_, i) => (i === column ? ((field || null) as ColumnField | null) : (table.mapping[i] ?? null))) } }));
  const setHeaderRow = (table: TableReport, row: string) =>
    setChoices((c) => {
      // A new header row has new columns: the mapping made for the old one no longer fits.
      const { [table.index]: _old, ...mappings } = c.mappings;
      return { ...c, mappings, headerRows: { ...c.headerRows, [table.index]: Number(row) } };
    });
  const fixLead = (asWritten: string, leadId: string) =>
    setChoices((c) => ({ ...c, leadFixes: Object.fromEntries(Object.entries({ ...c.leadFixes, [asWritten]: leadId }).filter(([, id]) => id)) }));

  if (stored) {
    return (
      <div style={{ padding: 16 }}>
        <MessageBar intent="success"><MessageBarBody>Imported “{stored.title}”{stored.isNew ? " as a draft" : ""}. <Link href={`/tab/plans/${encodeURIComponent(stored.id)}`} onClick={(e) => { e.preventDefault(); navigate(`plans/${encodeURIComponent(stored.id)}`); }}>Open the plan</Link></MessageBarBody></MessageBar>
      </div>
    );
  }
  return (
    <div style={{ padding: 16, display: "grid", gap: 16, maxWidth: 1200 }}>
      <Title2 as="h1">Import a plan</Title2>
      <Body1>From a Word (.docx) or Excel (.xlsx) plan, a CSV or TSV file, or rows pasted from Word or Excel. Nothing is stored until you confirm; importing an updated copy again changes the plan in place by ref.</Body1>
      <Field label="Import into">
        <Select value={choices.planId ?? ""} onChange={(_, d) => setChoices((c) => ({ ...c, planId: d.value || null }))}>
          <option value="">A new plan (or the plan with the document's title)</option>
          {managed.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
        </Select>
      </Field>
      <div style={{ display: "grid", gap: 4 }}>
        <label htmlFor="import-file">Plan document (.docx, .xlsx, .csv, .tsv)</label>
        <input id="import-file" type="file" accept=".docx,.xlsx,.csv,.tsv,.txt" onChange={async (e) => { const file = e.target.files?.[0]; if (file) setSource({ name: file.name, content: await base64Of(file) }); }} />
      </div>
      <Field label="Or paste the plan's table from Word or Excel (with its header row)">
        <Textarea value={pasted} onChange={(_, d) => setPasted(d.value)} resize="vertical" rows={4} />
      </Field>
      <div><Button disabled={!pasted.trim()} onClick={() => setSource({ name: "pasted text", text: pasted })}>Preview pasted rows</Button></div>
      {busy && <Spinner size="small" label="Reading…" />}
      {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      {preview && (
        <section aria-label="Preview" style={{ display: "grid", gap: 12 }}>
          <Subtitle2 as="h2">{preview.plan.isNew ? `New plan “${preview.plan.title}”` : `Updates “${preview.plan.title}”`}: {count(preview.changes, "created")} new, {count(preview.changes, "edited")} changed, {preview.unchanged} unchanged</Subtitle2>
          {preview.plan.isNew && <NewPlanFields preview={preview} choices={choices} onChange={(more) => setChoices((c) => ({ ...c, ...more }))} />}
          {preview.notInDocument.length > 0 && <Body1>Not in this document, left as they are: actions {preview.notInDocument.join(", ")}.</Body1>}
          {preview.tables.map((t) => (
            <fieldset key={t.index} style={{ border: 0, padding: 0, margin: 0, display: "grid", gap: 8 }}>
              <legend style={{ fontWeight: 600, padding: 0 }}>{t.where}{t.used ? ": what each column holds" : ""}</legend>
              {!t.used && <Body1>Not read: {t.reason}</Body1>}
              {t.candidates.length > 0 && (
                <Field label={`Header row of ${t.where}`} style={{ maxWidth: 600 }}>
                  <Select value={t.headerRow === null ? "" : String(t.headerRow)} onChange={(_, d) => d.value && setHeaderRow(t, d.value)}>
                    {t.headerRow === null && <option value="">None found: choose the row that names the columns</option>}
                    {t.candidates.map((c) => <option key={c.row} value={c.row}>{`Row ${c.row + 1}: ${c.cells.filter(Boolean).join(" | ").slice(0, 100)}`}</option>)}
                  </Select>
                </Field>
              )}
              {t.headerRow !== null && (
                <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
                  {t.header.map((h, i) => (
                    <Field key={i} label={h.trim() || `Column ${i + 1}`} style={{ minWidth: 160 }}>
                      <Select value={t.mapping[i] ?? ""} onChange={(_, d) => setMapping(t, i, d.value)}>
                        <option value="">Not imported</option>
                        {Object.entries(preview.fields).map(([f, label]) => <option key={f} value={f}>{label}</option>)}
                      </Select>
                    </Field>
                  ))}
                </div>
              )}
            </fieldset>
          ))}
          {preview.problems.map((p, i) => (
            <MessageBar key={i} intent={p.severity === "blocking" ? "error" : "warning"}>
              <MessageBarBody>
                {p.where}{p.refs.length ? ` (${p.refs.join(", ")})` : ""}: {p.message}
                {p.lead && (
                  <Field label={`Match “${p.lead.asWritten || "no lead"}” to a lead`}>
                    <Select value={choices.leadFixes[p.lead.asWritten] ?? ""} onChange={(_, d) => fixLead(p.lead!.asWritten, d.value)}>
                      <option value="">Leave as written (nobody is reminded)</option>
                      {[...p.lead.closest, ...preview.leads.filter((l) => !p.lead!.closest.some((c) => c.id === l.id))].map((l) => <option key={l.id} value={l.id}>{l.asWritten}</option>)}
                    </Select>
                  </Field>
                )}
              </MessageBarBody>
            </MessageBar>
          ))}
          <Table aria-label="Actions as they will be stored" size="small">
            <TableHeader><TableRow>{["Ref", "Action", "Lead", "Timescale", "RAG"].map((h) => <TableHeaderCell key={h}>{h}</TableHeaderCell>)}</TableRow></TableHeader>
            <TableBody>
              {preview.actions.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>{a.ref}</TableCell>
                  <TableCell>{a.text}</TableCell>
                  <TableCell>{a.lead.asWritten}{a.lead.leadId ? "" : " (not in the directory)"}</TableCell>
                  <TableCell>{a.timescale.text || "—"}{a.timescale.understood ? (a.timescale.deadline ? ` (due ${a.timescale.deadline})` : "") : " (not understood)"}</TableCell>
                  <TableCell>{a.rating ?? "Not rated"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <div>
            <Button appearance="primary" disabled={busy || blocking.length > 0} onClick={() => void confirm()}>
              {blocking.length > 0 ? `Fix ${blocking.length} problem${blocking.length === 1 ? "" : "s"} to import` : `Import ${preview.actions.length} actions`}
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}

const count = (changes: Preview["changes"], what: string) => changes.filter((c) => c.what === what).length;

/**
 * A new plan's title, boards and period, as read from the document and editable before storing.
 * The boards are chosen from the importing person's; the title is sent when the field is left
 * (not on every key), since each change reads the document again.
 */
function NewPlanFields({ preview, choices, onChange }: { preview: Preview; choices: ImportChoices; onChange: (more: Partial<ImportChoices>) => void }) {
  const [title, setTitle] = useState(preview.plan.title);
  const [period, setPeriod] = useState<Period>(preview.plan.period ?? { from: "", to: "" });
  useEffect(() => setTitle(preview.plan.title), [preview.plan.title]);
  // The period read from the title follows a new title, until the person sets one.
  useEffect(() => void (choices.period === undefined && setPeriod(preview.plan.period ?? { from: "", to: "" })), [preview.plan.period?.from, preview.plan.period?.to]);
  const applyTitle = () => title.trim() && title !== preview.plan.title && onChange({ title });
  const applyPeriod = (p: Period) => {
    setPeriod(p);
    // Sent once it is whole (both days, or neither): half a period is not a choice yet.
    if ((p.from && p.to) || (!p.from && !p.to)) onChange({ period: periodOrNull(p) });
  };
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, display: "grid", gap: 8, maxWidth: 600 }}>
      <legend style={{ fontWeight: 600, padding: 0 }}>The new plan (check before importing)</legend>
      <Field label="Title" required>
        <Input value={title} onChange={(_, d) => setTitle(d.value)} onBlur={applyTitle} onKeyDown={(e) => e.key === "Enter" && applyTitle()} />
      </Field>
      <BoardsField choices={preview.boardChoices} chosen={choices.boards ?? preview.plan.boards.filter((b) => preview.boardChoices.includes(b))} onChange={(boards) => boards.length > 0 && onChange({ boards })} error={undefined} />
      <PeriodField period={period} onChange={applyPeriod} error={undefined} />
    </fieldset>
  );
}
