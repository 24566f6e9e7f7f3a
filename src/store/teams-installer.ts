import type { Client } from "@microsoft/microsoft-graph-client";
import { GraphError } from "@microsoft/microsoft-graph-client";

export type InstallResult =
  | { ok: true; chatId: string }
  | { ok: false; reason: "not-in-catalog" | "no-teams" | "not-permitted" | "failed"; message: string };

/**
 * Installs Assure for a person who never opened it, so the bot can message them: Graph
 * `POST /users/{id}/teamwork/installedApps` (application permission
 * TeamsAppInstallation.ReadWriteSelfForUser.All: the app may install only itself), then
 * `GET …/installedApps/{id}/chat` for the conversation. The app must be in the organisation's
 * catalog; it is found there by its manifest id (externalId). Already installed (409) is fine.
 */
export class TeamsInstaller {
  private catalogId: Promise<string | null> | null = null;

  constructor(
    private readonly client: Client,
    private readonly manifestId: string,
    private readonly graphUrl: string,
  ) {}

  private findInCatalog(): Promise<string | null> {
    this.catalogId ??= (
      this.client.api("/appCatalogs/teamsApps").filter(`externalId eq '${this.manifestId.replace(/'/g, "''")}'`).get() as Promise<{ value: { id: string }[] }>
    ).then((r) => r.value[0]?.id ?? null);
    this.catalogId.catch(() => (this.catalogId = null));
    return this.catalogId;
  }

  async install(entraObjectId: string): Promise<InstallResult> {
    try {
      const appId = await this.findInCatalog();
      if (!appId) return { ok: false, reason: "not-in-catalog", message: `the Teams app ${this.manifestId} is not in the organisation's app catalog` };
      const user = `/users/${encodeURIComponent(entraObjectId)}/teamwork/installedApps`;
      let installationId: string | undefined;
      try {
        installationId = ((await this.client.api(user).post({ "teamsApp@odata.bind": `${this.graphUrl}/v1.0/appCatalogs/teamsApps/${appId}` })) as { id?: string } | undefined)?.id;
      } catch (error: unknown) {
        if (!(error instanceof GraphError && error.statusCode === 409)) throw error;
      }
      if (!installationId) {
        const found = (await this.client.api(user).expand("teamsApp").filter(`teamsApp/id eq '${appId}'`).get()) as { value: { id: string }[] };
        installationId = found.value[0]?.id;
      }
      if (!installationId) return { ok: false, reason: "failed", message: "Teams did not say where Assure was installed" };
      const chat = (await this.client.api(`${user}/${encodeURIComponent(installationId)}/chat`).get()) as { id: string };
      return { ok: true, chatId: chat.id };
    } catch (error: unknown) {
      const status = error instanceof GraphError ? error.statusCode : 0;
      const message = error instanceof Error ? error.message : String(error);
      // Undocumented: how Graph says "no Teams licence". 404 for an unknown user; a 403 that names the licence.
      if (status === 404 || (status === 403 && /licen[cs]e/i.test(message))) return { ok: false, reason: "no-teams", message: `Teams knows no such user, or they have no Teams licence (${message})` };
      if (status === 403) return { ok: false, reason: "not-permitted", message: `Teams would not install Assure for them (${message})` };
      return { ok: false, reason: "failed", message };
    }
  }
}
