import { Button, Field, Input, MessageBar, Subtitle2 } from "@fluentui/react-components";
import { useState } from "react";
import { upload } from "./api";
import { useSubmit } from "./useSubmit";
import type { TabAction } from "./types";

/** The limits the server applies (src/core/evidence-file.ts), said before a file is chosen. */
const ACCEPT = ".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.txt,.csv";
const MAX_MB = 4;

/** A lead attaches a file to their action: it goes to the board's "Assure Evidence" library and is linked in the history. */
export function EvidenceUpload({ action, onSaved }: { action: TabAction; onSaved: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState("");
  const [input, setInput] = useState(0);
  const { submit, error, busy } = useSubmit(
    () => {
      const query = new URLSearchParams({ name: file!.name, ...(note.trim() ? { note } : {}) });
      return upload(`/api/actions/${encodeURIComponent(action.id)}/evidence-files?${query.toString()}`, file!);
    },
    () => {
      setFile(null);
      setNote("");
      setInput((n) => n + 1);
      onSaved();
    },
  );
  return (
    <form aria-label="Attach an evidence file" onSubmit={(e) => { e.preventDefault(); if (file) void submit(); }} style={{ display: "grid", gap: 8, marginTop: 16 }}>
      <Subtitle2 as="h3">Attach an evidence file</Subtitle2>
      {error && <MessageBar intent="error">{error.message}</MessageBar>}
      <Field label="File" hint={`PDF, Word, Excel, PowerPoint, PNG, JPEG, text or CSV, up to ${MAX_MB} MB. Leave out names and details of the adult.`}>
        {(fieldProps) => <input {...fieldProps} key={input} type="file" accept={ACCEPT} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
      </Field>
      <Field label="What it shows (optional)">
        <Input value={note} maxLength={1000} onChange={(_, d) => setNote(d.value)} />
      </Field>
      <Button type="submit" disabled={busy || !file}>Attach file</Button>
    </form>
  );
}
