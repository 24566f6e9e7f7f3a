import { useState } from "react";
import { ApiError } from "./api";

/** A form's one request: busy while it runs, the server's error (naming the field) when it fails. */
export function useSubmit(send: () => Promise<unknown>, onDone: () => void) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await send();
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "network", String(e)));
    } finally {
      setBusy(false);
    }
  };
  return { submit, error, busy };
}
