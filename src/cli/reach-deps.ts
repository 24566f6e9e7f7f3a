import type { Client } from "@microsoft/microsoft-graph-client";
import { GraphMailer } from "../store/mailer.js";
import { GraphBounceReader } from "../store/mail-bounces.js";
import { TeamsInstaller } from "../store/teams-installer.js";
import { installerSettings, type Settings } from "./settings.js";

/** How the bot reaches leads beyond existing chats, where the settings allow: the board mailbox, and installing Assure for them. */
export function reachDeps(settings: Settings, client: Client) {
  const s = installerSettings(settings);
  return {
    mailer: settings.mailFrom ? new GraphMailer(client, settings.mailFrom) : null,
    bounceReader: settings.mailFrom ? new GraphBounceReader(client, settings.mailFrom) : null,
    installer: s ? { teams: new TeamsInstaller(client, s.manifestId, s.graphUrl), serviceUrl: s.serviceUrl, tenantId: s.tenantId } : null,
  };
}
