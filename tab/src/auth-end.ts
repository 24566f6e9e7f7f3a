/**
 * The sign-in reply page (/tab/auth-end, the Entra app's redirect URI). Teams opens it in a
 * pop-up when a person must consent before SSO works; it hands the outcome back to the tab.
 */
export async function finishSignIn(show: (message: string) => void): Promise<void> {
  const answer = new URLSearchParams(location.hash.slice(1) || location.search.slice(1));
  const error = answer.get("error");
  const outside = "This page finishes signing in to Assure inside Microsoft Teams. Open Assure in Teams to continue.";
  // Teams opens it as a pop-up (an opener) or in a frame; anywhere else there is nobody to tell.
  if (window.parent === window && !window.opener) return show(outside);
  try {
    const { app, authentication } = await import("@microsoft/teams-js");
    await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error("Teams did not answer")), 5000))]);
    if (error) authentication.notifyFailure(`${error}: ${answer.get("error_description") ?? "sign-in was not completed"}`);
    else authentication.notifySuccess();
    show(error ? "Sign-in did not complete. Close this window and try again from Assure in Teams." : "You are signed in. This window closes by itself.");
  } catch {
    show(outside);
  }
}
