import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { boardPath, prefetch } from "./api";

// Opening a plan's address: ask for the plan now, while React renders the page around it.
const plan = /^\/tab\/plans\/([^/]+)$/.exec(location.pathname);
if (plan) prefetch(boardPath(decodeURIComponent(plan[1]!), new URLSearchParams(location.search).get("asOf")));

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
