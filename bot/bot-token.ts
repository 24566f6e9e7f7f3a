import { ConfidentialClientApplication, ManagedIdentityApplication } from "@azure/msal-node";
import type { BotSettings } from "./adapter.js";

const BOT_FRAMEWORK = "https://api.botframework.com";

/**
 * A Bot Framework token for the bot's own identity, as the adapter gets one before it sends:
 * a user-assigned managed identity (App Service) or an app secret, single- or multi-tenant.
 * `assure doctor` acquires one so a wrong bot credential shows before the first reminder fails.
 */
export async function acquireBotToken(bot: BotSettings): Promise<string> {
  if (bot.appType === "UserAssignedMSI") {
    const app = new ManagedIdentityApplication({ managedIdentityIdParams: { userAssignedClientId: bot.appId } });
    return (await app.acquireToken({ resource: BOT_FRAMEWORK })).accessToken;
  }
  if (!bot.appPassword) throw new Error("the bot has no credential: set ASSURE_BOT_APP_TYPE=UserAssignedMSI (recommended) or ASSURE_BOT_APP_PASSWORD");
  const tenant = bot.appType === "SingleTenant" && bot.tenantId ? bot.tenantId : "botframework.com";
  const app = new ConfidentialClientApplication({ auth: { clientId: bot.appId, clientSecret: bot.appPassword, authority: `https://login.microsoftonline.com/${tenant}` } });
  const result = await app.acquireTokenByClientCredential({ scopes: [`${BOT_FRAMEWORK}/.default`] });
  if (!result) throw new Error("Entra ID returned no Bot Framework token");
  return result.accessToken;
}
