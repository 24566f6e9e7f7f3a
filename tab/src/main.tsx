import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { boardPath, prefetch } from "./api";

// The sign-in reply page: no app, just the hand-back to Teams.
if (location.pathname === "/tab/auth-end") {
  const root = document.getElementById("root")!;
  const heading = Object.assign(document.createElement("h1"), { textContent: "Signing in to Assure" });
  const text = document.createElement("p");
  root.replaceChildren(heading, text);
  void import("./auth-end").then(({ finishSignIn }) => finishSignIn((message) => (text.textContent = message)));
} else {
  start();
}

function start(): void {
  // Opening a plan's address: ask for the plan now, while React renders the page around it.
  const plan = /^\/tab\/plans\/([^/]+)$/.exec(location.pathname);
  if (plan) prefetch(boardPath(decodeURIComponent(plan[1]!), new URLSearchParams(location.search).get("asOf")));
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
