// Exactly the roles the app's identity needs, each on the narrowest scope it works on (never the resource group):
//   each blob container    Storage Blob Data Contributor   the deployment package; the host's leases, timers and keys;
//                                                          the app's run details
//   each queue             Storage Queue Data Contributor  tenant-sync, its poison queue, and that one's poison queue
//   storage account        Storage Table Data Contributor  Tenants, SyncRuns, TenantLeases, and the host's diagnostic
//                                                          events tables, which it names by month (no fixed scope)
//   Key Vault              Key Vault Secrets User          read the tenants' tokens and the MobieTrain key
//   App Insights           Monitoring Metrics Publisher    send telemetry with Entra ID (local auth is off)
// No Owner role on blobs (it only adds POSIX ACLs, which a flat namespace does not have), nothing account-wide on blobs
// or queues: a container or queue the template does not name cannot be read or written with this identity.
// Built-in role ids are the same in every Azure tenant. Assignment names are guid(scope, identity, role): a
// redeployment finds the same assignment instead of failing with RoleAssignmentExists. The identity's resource id
// (known before deployment) names them rather than its principal id (known only once it exists), so what-if can
// predict them.

@description('Resource id of the app\'s user-assigned identity: part of each assignment\'s name.')
param identityId string

@description('Object (principal) id of that identity: the principal each role is granted to.')
param principalId string

param storageAccountName string

@description('The Flex Consumption deployment container.')
param deploymentContainerName string

@description('The Functions host\'s blob containers and the app\'s (run details).')
param blobContainerNames array

@description('Every queue the app and the host use.')
param queueNames array

param keyVaultName string
param appInsightsName string

var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource deploymentContainer 'containers' existing = {
      name: deploymentContainerName
    }
  }

  resource queueService 'queueServices' existing = {
    name: 'default'
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = [
  for containerName in blobContainerNames: {
    parent: storage::blobService
    name: containerName
  }
]

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' existing = [
  for queueName in queueNames: {
    parent: storage::queueService
    name: queueName
  }
]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource deploymentPackage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::deploymentContainer.id, identityId, storageBlobDataContributorRoleId)
  scope: storage::blobService::deploymentContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: principalId
    // Set, so ARM does not look the principal up in Entra ID: a just-created identity may not be replicated yet.
    principalType: 'ServicePrincipal'
  }
}

resource containerBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (containerName, i) in blobContainerNames: {
    name: guid(blobContainers[i].id, identityId, storageBlobDataContributorRoleId)
    scope: blobContainers[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource queueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (queueName, i) in queueNames: {
    name: guid(queues[i].id, identityId, storageQueueDataContributorRoleId)
    scope: queues[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributorRoleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identityId, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityId, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identityId, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
