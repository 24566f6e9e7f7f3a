import { boardPath, prefetch } from "./api";

// The entry is small on purpose: it asks the server for what the page shows (who is asking, the
// plan on a plan's address) the moment it runs, and only then evaluates React, Fluent and the
// views (index.html has already started fetching them), so the answer and the app arrive together.
if (location.pathname === "/tab/auth-end") {
  // The sign-in reply page: no app, just the hand-back to Teams.
  const root = document.getElementById("root")!;
  const heading = Object.assign(document.createElement("h1"), { textContent: "Signing in to Assure" });
  const text = document.createElement("p");
  root.replaceChildren(heading, text);
  void import("./auth-end").then(({ finishSignIn }) => finishSignIn((message) => (text.textContent = message)));
} else {
  prefetch("/api/me");
  const plan = /^\/tab\/plans\/([^/]+)$/.exec(location.pathname);
  if (plan) prefetch(boardPath(decodeURIComponent(plan[1]!), new URLSearchParams(location.search).get("asOf")));
  void import("./start").then(({ start }) => start());
}
