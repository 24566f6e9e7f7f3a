import type { Client } from "@microsoft/microsoft-graph-client";
import { TeamsInstaller } from "../store/teams-installer.js";
import { installerSettings, type Settings } from "./settings.js";

/** The Teams installer a sweep uses, where the settings allow one (a tenant, the bot, the Teams app id). */
export function installerFor(settings: Settings, client: Client) {
  const s = installerSettings(settings);
  return s ? { teams: new TeamsInstaller(client, s.manifestId, s.graphUrl), serviceUrl: s.serviceUrl, tenantId: s.tenantId } : null;
}
