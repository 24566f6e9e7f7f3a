import { Combobox, Field, Option } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { api } from "./api";

export interface DirectoryMatch {
  entraObjectId: string;
  displayName: string | null;
  jobTitle: string | null;
  email: string | null;
  guest: boolean;
  inAssure: boolean;
}

/**
 * Picks a person from the tenant's directory (Entra ID, searched by the server) by name or
 * email, so nobody is added by pasting an object id. Shows name, job title and email.
 */
export function PeoplePicker({ label, validationMessage, onPick }: { label: string; validationMessage?: string; onPick: (match: DirectoryMatch | null) => void }) {
  const [text, setText] = useState("");
  const [matches, setMatches] = useState<DirectoryMatch[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (text.trim().length < 2) return setMatches([]);
    const timer = setTimeout(() => {
      api<{ people: DirectoryMatch[] }>(`/api/people/search?q=${encodeURIComponent(text.trim())}`).then(
        (r) => (setMatches(r.people), setProblem(null)),
        (e: Error) => setProblem(e.message),
      );
    }, 250); // one search per pause in typing
    return () => clearTimeout(timer);
  }, [text]);
  const describe = (m: DirectoryMatch) => [m.jobTitle, m.email, m.guest ? "guest" : null, m.inAssure ? "already in Assure" : null].filter(Boolean).join(" · ");
  return (
    <Field label={label} required validationMessage={validationMessage ?? problem ?? undefined} hint="Type two or more letters of their name or email">
      <Combobox
        freeform
        value={text}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
        onOptionSelect={(_, d) => {
          const match = matches.find((m) => m.entraObjectId === d.optionValue) ?? null;
          setText(match?.displayName ?? "");
          onPick(match);
        }}
      >
        {matches.map((m) => (
          <Option key={m.entraObjectId} value={m.entraObjectId} text={m.displayName ?? m.entraObjectId} disabled={m.inAssure}>
            {`${m.displayName ?? m.entraObjectId} — ${describe(m)}`}
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}
