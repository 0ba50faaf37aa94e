// The app's one storage account: the Functions host (leases, timers, keys), the tenant-sync queue and its poison
// queues, the Tenants/SyncRuns/TenantLeases tables, and the Flex Consumption deployment container.
// Shared keys are off: everything reaches it with the app's user-assigned identity (rbac.bicep), so there is no
// connection string to leak or rotate. Every table and queue read, write and delete is logged to Log Analytics, with
// the caller's identity, so a changed tenant row or a vanished message can be traced to whoever did it.

@description('Storage account name: 3–24 lowercase letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

param location string
param tags object

@description('Replication: Standard_LRS is enough for dev; prod may use Standard_ZRS where the region offers it.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param skuName string

@description('Blob container the Flex Consumption plan deploys the app package from.')
param deploymentContainerName string

@description('Blob containers of the Functions host (leases and timers, keys) and of the app (run details): created here so each has its own role assignment.')
param blobContainerNames array

@description('Queues of the app and of the host, created up front (the names are the code\'s, compared by the infra tests).')
param queueNames array

@description('Disabled with networkIsolation: only the private endpoints reach the account.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string

@description('Log Analytics workspace the data-access logs go to.')
param workspaceId string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
    allowCrossTenantReplication: false
    // Without networkIsolation the app reaches the account over its public endpoint and access is decided by
    // Entra ID roles alone; with it, nothing public gets through, trusted Azure services included.
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      defaultAction: publicNetworkAccess == 'Disabled' ? 'Deny' : 'Allow'
      bypass: publicNetworkAccess == 'Disabled' ? 'None' : 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      services: {
        blob: {
          enabled: true
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for containerName in blobContainerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// Created up front rather than by the host or the app on first use: the poison queues exist before anything fails,
// each can carry its own role assignment, and the names are visible here.
resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tenantsTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: 'Tenants'
}

resource runsTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: 'SyncRuns'
}

resource leasesTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: 'TenantLeases'
}

// Tables and queues hold what operators and the app change; blob logging is left off because the host renews its
// leases every few seconds and would fill the workspace with them.
var dataAccessLogs = [
  {
    category: 'StorageRead'
    enabled: true
  }
  {
    category: 'StorageWrite'
    enabled: true
  }
  {
    category: 'StorageDelete'
    enabled: true
  }
]

resource tableAccessLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'data-access-to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: workspaceId
    logs: dataAccessLogs
  }
}

resource queueAccessLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'data-access-to-log-analytics'
  scope: queueService
  properties: {
    workspaceId: workspaceId
    logs: dataAccessLogs
  }
}

output name string = storage.name
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
