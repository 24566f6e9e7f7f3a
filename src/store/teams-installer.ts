import type { Client } from "@microsoft/microsoft-graph-client";
import { GraphError } from "@microsoft/microsoft-graph-client";

export type InstallResult =
  | { ok: true; chatId: string }
  | { ok: false; reason: "not-in-catalog" | "not-published" | "app-not-allowed" | "no-teams" | "not-permitted" | "failed"; message: string };

/** How long "not in the catalog" (or not yet approved) is believed: an administrator may publish it any minute. */
export const CATALOG_MISS_MS = 5 * 60_000;

type CatalogAnswer = { value: { id: string; distributionMethod?: string; appDefinitions?: { publishingState?: string }[] }[] };
type CatalogFind = { ok: true; id: string } | { ok: false; reason: "not-in-catalog" | "not-published"; message: string };

/**
 * Installs Assure for a person who never opened it, so the bot can message them: Graph
 * `POST /users/{id}/teamwork/installedApps`, then `GET …/installedApps/{id}/chat` for the
 * conversation. The app must be in the organisation's own catalog (distributionMethod
 * "organization", appcatalogs-list-teamsapps.md), found by its manifest id (externalId), and
 * published there (an app definition whose publishingState is "published"; "submitted" waits
 * for an administrator's approval). Already installed (409) is fine. Who may install is
 * docs/deploy.md's decision (step 3): TeamsAppInstallation.ReadWriteForUser.All.
 */
export class TeamsInstaller {
  /** The catalog id once found published (kept: it does not change), or a miss and when it was seen. */
  private catalog: Promise<CatalogFind> | null = null;
  private missedAt = 0;

  constructor(
    private readonly client: Client,
    private readonly manifestId: string,
    private readonly graphUrl: string,
    private readonly clock: () => number = Date.now,
  ) {}

  private findInCatalog(): Promise<CatalogFind> {
    if (this.catalog && this.missedAt > 0 && this.clock() - this.missedAt >= CATALOG_MISS_MS) this.catalog = null;
    this.catalog ??= (
      this.client
        .api("/appCatalogs/teamsApps")
        .filter(`distributionMethod eq 'organization' and externalId eq '${this.manifestId.replace(/'/g, "''")}'`)
        .expand("appDefinitions")
        .get() as Promise<CatalogAnswer>
    ).then((r): CatalogFind => {
      const apps = r.value.filter((a) => (a.distributionMethod ?? "organization") === "organization");
      const published = apps.find((a) => (a.appDefinitions ?? []).some((d) => d.publishingState === "published"));
      if (published) return { ok: true, id: published.id };
      this.missedAt = this.clock();
      if (apps.length > 0) return { ok: false, reason: "not-published", message: `the Teams app ${this.manifestId} is in the organisation's catalog but not yet approved (publishingState ${apps[0]!.appDefinitions?.[0]?.publishingState ?? "unknown"})` };
      return { ok: false, reason: "not-in-catalog", message: `the Teams app ${this.manifestId} is not in the organisation's app catalog` };
    });
    this.catalog.catch(() => (this.catalog = null));
    return this.catalog;
  }

  async install(entraObjectId: string): Promise<InstallResult> {
    try {
      const found = await this.findInCatalog();
      if (!found.ok) return found;
      const appId = found.id;
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
      // Graph refuses an app that may install only itself (…ReadWriteSelfForUser.All) whose token is not the manifest's webApplicationInfo app.
      if (status === 403 && /not allowed to manage the Teams App/i.test(message)) return { ok: false, reason: "app-not-allowed", message };
      if (status === 403) return { ok: false, reason: "not-permitted", message: `Teams would not install Assure for them (${message})` };
      return { ok: false, reason: "failed", message };
    }
  }
}
