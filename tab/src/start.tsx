import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";

/** Renders the tab; main.tsx imports this once it has asked the server for what the page shows. */
export function start(): void {
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
