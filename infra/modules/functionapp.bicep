// The Flex Consumption plan and the Linux function app (.NET 10 isolated worker). The app runs as the one
// user-assigned identity: for the host's storage, the deployment package, Key Vault and Application Insights.
// Every setting is identity-based: there is no connection string, key or secret here, and the publishing endpoints
// (FTP, SCM) refuse basic credentials: a deployment authenticates with Entra ID like everything else.

param planName string
param appName string
param location string
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity: the app settings name it so each SDK picks this identity.')
param identityClientId string

@description('Name of the app storage account (AzureWebJobsStorage__accountName).')
param storageAccountName string

@description('URL of the blob container the plan deploys the package from.')
param deploymentContainerUrl string

@description('Application Insights connection string (not a credential: local auth is off).')
param appInsightsConnectionString string

@description('Key Vault URI, e.g. https://<vault>.vault.azure.net/.')
param keyVaultUri string

@description('NCRONTAB of the fan-out (SyncSchedule), in UTC.')
param syncSchedule string

@description('MobieTrain API root (MobieTrain__BaseUrl), https.')
param mobieTrainBaseUrl string

@description('Memory of one instance (MB): 2048 is the default; 512 is too small for large tenants\' snapshots.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound of instances the plan may scale out to: each instance runs tenants in parallel against MobieTrain.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Subnet the app joins (VNet integration), delegated to Microsoft.App/environments; empty for none.')
param virtualNetworkSubnetId string

@description('Log Analytics workspace the platform\'s function logs go to.')
param workspaceId string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    // Key Vault references (not used today) would resolve with this identity rather than a system-assigned one.
    keyVaultReferenceIdentity: identityId
    // All the app's outbound traffic then enters the virtual network: storage and Key Vault by their private endpoints.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // The host's storage and the app's own (tables, queue): identity-based, see StorageOptions.cs.
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storageAccountName
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        // Telemetry with Entra ID: the component refuses the instrumentation key alone (DisableLocalAuth).
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsightsConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        // Tenant secrets come from Key Vault with the same identity (KeyVaultOptions.cs).
        {
          name: 'Secrets__Provider'
          value: 'KeyVault'
        }
        {
          name: 'KeyVault__VaultUri'
          value: keyVaultUri
        }
        {
          name: 'KeyVault__Credential'
          value: 'ManagedIdentity'
        }
        {
          name: 'KeyVault__ManagedIdentityClientId'
          value: identityClientId
        }
        {
          name: 'SyncSchedule'
          value: syncSchedule
        }
        // The host's own request body limit (bytes; default 100 MB), just above NotificationBody.MaxBytes (64 KiB):
        // the host refuses a larger body with 413 itself instead of buffering it before the app's check runs.
        {
          name: 'FUNCTIONS_REQUEST_BODY_SIZE_LIMIT'
          value: '66560'
        }
        {
          name: 'MobieTrain__BaseUrl'
          value: mobieTrainBaseUrl
        }
        // The isolated worker filters its own logs by its configuration, not by host.json (which sets the host's):
        // the sync's lines at Information, everything else (HTTP client chatter, SDKs) from Warning up.
        {
          name: 'Logging__LogLevel__Default'
          value: 'Warning'
        }
        {
          name: 'Logging__LogLevel__StaffCloudSync'
          value: 'Information'
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      // Flex sets the worker runtime here; FUNCTIONS_WORKER_RUNTIME is not allowed as an app setting.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource functionLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'function-logs-to-log-analytics'
  scope: app
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
  }
}

output name string = app.name
output id string = app.id
output defaultHostName string = app.properties.defaultHostName
