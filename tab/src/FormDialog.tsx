import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, MessageBar } from "@fluentui/react-components";
import { useState, type ReactNode } from "react";
import type { ApiError } from "./api";
import { useSubmit } from "./useSubmit";

/**
 * A button that opens a form in a dialog. Keep it mounted while it closes: unmounting it with
 * the page behind it (say, by navigating away on save) leaves that page aria-hidden. The form's one request runs on Save; the server's
 * refusal (naming the field) stays on screen with what the person typed, and a conflict
 * (someone else saved first) says so instead of overwriting their change.
 */
export function FormDialog({ label, name, title, send, onSaved, children, appearance = "secondary" }: {
  label: string;
  /** The button's accessible name, when its visible label alone ("Edit") would be ambiguous; it starts with the label. */
  name?: string;
  title: string;
  send: () => Promise<unknown>;
  onSaved: () => void;
  children: (error: ApiError | null) => ReactNode;
  appearance?: "primary" | "secondary" | "subtle";
}) {
  const [open, setOpen] = useState(false);
  const { submit, error, busy } = useSubmit(send, () => {
    setOpen(false);
    onSaved();
  });
  return (
    <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance={appearance} aria-label={name}>{label}</Button>
      </DialogTrigger>
      <DialogSurface>
        <form aria-label={title} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent style={{ display: "grid", gap: 8 }}>
              {error && <MessageBar intent={error.status === 409 ? "warning" : "error"}>{error.message}</MessageBar>}
              {children(error)}
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button>Cancel</Button>
              </DialogTrigger>
              <Button appearance="primary" type="submit" disabledFocusable={busy}>Save</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
