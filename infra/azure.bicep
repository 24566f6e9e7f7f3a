// Assure in one resource group: App Service (Node 22 LTS) running `assure start`, a user-assigned
// managed identity that is both the bot's identity (no client secret) and Graph's app-only
// identity, the Azure Bot with its Teams channel, and Application Insights on a Log Analytics workspace.
// The tab's SSO Entra app is created by the Agents Toolkit (aadApp/create in m365agents.yml).

@maxLength(20)
@minLength(4)
@description('Used to name every resource: letters and digits.')
param resourceBaseName string

@description('App Service plan SKU.')
param webAppSku string = 'B1'

param location string = resourceGroup().location

@maxLength(42)
param botDisplayName string

@description('The tenant whose people use Assure.')
param tenantId string = subscription().tenantId

@description('The board\'s SharePoint site, e.g. contoso.sharepoint.com:/sites/safeguarding:')
param sharePointSite string

@description('The tab SSO Entra app (manifest webApplicationInfo.id).')
param ssoClientId string

@description('The Teams app id (manifest id), for deep links in digests.')
param teamsAppId string

@description('Assure administrators: Entra object ids, and at most one group:<object id>, comma-separated.')
param assureAdmins string

@description('The board mailbox reminders are emailed from; empty: Teams only.')
param mailFrom string

@description('Minutes between reminder sweeps; 0 (off) until the lists are provisioned and the app is published (docs/deploy.md).')
param sweepEveryMinutes string

var serverfarmsName = resourceBaseName
var webAppName = resourceBaseName
var identityName = resourceBaseName
var publicUrl = 'https://${webApp.properties.defaultHostName}'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: identityName
}

// Logs, traces and metrics (OpenTelemetry through the Azure Monitor distro) land in one workspace.
resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: resourceBaseName
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: resourceBaseName
  location: location
  kind: 'web'
  properties: {
    // 'web' is the documented value for a web application (Node.JS is a legacy value some tools refuse).
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource serverfarm 'Microsoft.Web/serverfarms@2024-04-01' = {
  kind: 'linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      healthCheckPath: '/health'
      appCommandLine: 'node dist/src/cli/main.js start'
    }
  }
}

// Settings separate from the site so they can name its own host (ASSURE_PUBLIC_URL).
resource webAppSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: webApp
  name: 'appsettings'
  properties: {
    WEBSITE_RUN_FROM_PACKAGE: '1'
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    ASSURE_TENANT_ID: tenantId
    ASSURE_CLIENT_ID: identity.properties.clientId
    ASSURE_MANAGED_IDENTITY: 'true'
    ASSURE_MANAGED_IDENTITY_CLIENT_ID: identity.properties.clientId
    ASSURE_SITE: sharePointSite
    ASSURE_BOT_APP_ID: identity.properties.clientId
    ASSURE_BOT_APP_TYPE: 'UserAssignedMSI'
    ASSURE_BOT_TENANT_ID: identity.properties.tenantId
    ASSURE_SSO_CLIENT_ID: ssoClientId
    ASSURE_SSO_APPLICATION_ID_URI: 'api://${webApp.properties.defaultHostName}/${ssoClientId}'
    ASSURE_SSO_TENANTS: tenantId
    ASSURE_PUBLIC_URL: publicUrl
    ASSURE_TEAMS_APP_ID: teamsAppId
    ASSURE_ADMINS: assureAdmins
    ASSURE_MAIL_FROM: mailFrom
    ASSURE_SWEEP_EVERY_MINUTES: sweepEveryMinutes
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: resourceBaseName
  properties: {
    displayName: botDisplayName
    endpoint: '${publicUrl}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
  }
  sku: {
    name: 'F0'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// What the toolkit writes back to env/.env.<environment> for the app package and deploy.
output BOT_ID string = identity.properties.clientId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = publicUrl
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
