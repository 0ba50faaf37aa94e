// StaffCloudSync in one resource group: a Flex Consumption function app (.NET 10 isolated) running as one
// user-assigned identity, its storage (host, tenant-sync queues, tables), Key Vault for the tenants' tokens,
// Log Analytics + Application Insights with the data-access audit logs, the identity's role assignments (each on the
// narrowest scope it works on), the operators' alerts and workbook, and with networkIsolation a virtual network that
// is the only way into Key Vault and storage.
// Nothing here holds a key or a connection string: every access is Entra ID with the identity (docs/deploy.md).
// Local modules only, so `bicep build`/`lint` and the infra tests work without a registry.
targetScope = 'resourceGroup'

@description('Short name every resource name is built from: 3–10 lowercase letters and digits (storage and Key Vault names allow no more).')
@minLength(3)
@maxLength(10)
param baseName string = 'scsync'

@description('Environment: part of every name and tag; dev and prod each have their own resource group.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environment string

@description('Azure region of every resource except the (global) action group. Flex Consumption is not offered in every region.')
param location string = resourceGroup().location

@description('E-mail address the alerts (poison messages, failed or held runs, function failures) are sent to.')
param alertEmail string

@description('MobieTrain provisioning API root (MobieTrain__BaseUrl), https.')
param mobieTrainBaseUrl string

@description('NCRONTAB (UTC) of the fan-out that queues one run per enabled tenant (SyncSchedule).')
param syncSchedule string = '0 0 2,14 * * *'

@description('Storage replication; ZRS keeps the queue and tables through a zone outage where the region has zones.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param storageSku string = 'Standard_LRS'

@description('Memory of one function instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the plan may scale out to; each runs tenants in parallel against MobieTrain and StaffCloud. Flex Consumption refuses fewer than 40.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Key Vault and storage reachable only through private endpoints in a virtual network the app joins (VNet integration), their public access off. Operators then reach the data plane from inside that network only (docs/deploy.md).')
param networkIsolation bool = false

@description('Address space of the virtual network (networkIsolation only), at least a /23: a /24 for the app\'s instances, a /27 for the private endpoints.')
param virtualNetworkAddressPrefix string = '10.40.0.0/23'

@description('Days Log Analytics and Application Insights keep the logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Days a deleted secret stays recoverable (7–90).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('How often the alert rules look, and how far back: an ISO 8601 duration such as PT15M.')
param alertEvaluationFrequency string = 'PT15M'

@description('Tags added to the standard ones (application, environment, managedBy) on every resource.')
param extraTags object = {}

var namePrefix = '${baseName}-${environment}'
// Storage and Key Vault names are global: a suffix from the resource group keeps two subscriptions from colliding,
// and stays the same on every redeployment.
var suffix = uniqueString(subscription().id, resourceGroup().id, baseName, environment)
var names = {
  identity: 'id-${namePrefix}'
  storage: take(toLower('st${baseName}${environment}${suffix}'), 24)
  // At most 19 characters before the suffix (baseName ≤ 10), so the cut never ends on a hyphen.
  keyVault: take('kv-${namePrefix}-${suffix}', 24)
  workspace: 'log-${namePrefix}'
  appInsights: 'appi-${namePrefix}'
  plan: 'plan-${namePrefix}'
  functionApp: 'func-${namePrefix}-${take(suffix, 6)}'
  virtualNetwork: 'vnet-${namePrefix}'
  natGateway: 'ng-${namePrefix}'
  outboundIp: 'pip-${namePrefix}-outbound'
}
// The Flex deployment package has a container of its own, and the host's containers and the app's run details
// (StaffCloudSync.Core/Storage/StorageOptions.cs, one JSON blob per run) are created here, so each can carry its own
// role assignment instead of one role on the whole account.
var deploymentContainerName = 'app-package'
var blobContainerNames = [
  'azure-webjobs-hosts'
  'azure-webjobs-secrets'
  'run-details'
]
// The app's queue and its poison queue (StaffCloudSync.Core/Sync/SyncRequest.cs), and the poison queue the host
// moves a message to when TenantSyncPoison itself fails three times: nothing reads that one, so an alert watches it.
var queueNames = [
  'tenant-sync'
  'tenant-sync-poison'
  'tenant-sync-poison-poison'
]
var appSubnetName = 'snet-app'
// With networkIsolation, Key Vault and storage take no public traffic and the app joins the network to reach them.
var dataPlanePublicAccess = networkIsolation ? 'Disabled' : 'Enabled'
var appSubnetId = networkIsolation ? resourceId('Microsoft.Network/virtualNetworks/subnets', names.virtualNetwork, appSubnetName) : ''
var tags = union(extraTags, {
  application: 'StaffCloudSync'
  environment: environment
  managedBy: 'bicep'
})

// The one identity the app uses for everything: storage (host, queues, tables, package), Key Vault, telemetry.
// User-assigned, so its roles exist before the app starts and survive recreating the app.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSku
    deploymentContainerName: deploymentContainerName
    blobContainerNames: blobContainerNames
    queueNames: queueNames
    publicNetworkAccess: dataPlanePublicAccess
    workspaceId: monitoring.outputs.workspaceId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    publicNetworkAccess: dataPlanePublicAccess
    workspaceId: monitoring.outputs.workspaceId
  }
}

// Names, not module outputs, again: the endpoints' targets are known before deployment.
module network 'modules/network.bicep' = if (networkIsolation) {
  name: 'network'
  params: {
    virtualNetworkName: names.virtualNetwork
    natGatewayName: names.natGateway
    outboundIpName: names.outboundIp
    location: location
    tags: tags
    addressPrefix: virtualNetworkAddressPrefix
    appSubnetName: appSubnetName
    storageAccountName: names.storage
    keyVaultName: names.keyVault
  }
  dependsOn: [
    storage
    keyVault
  ]
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

// Before the app: a Flex app reads its deployment container and its storage with these roles at start-up.
// Names (not module outputs) are passed, so what-if can predict the assignments instead of short-circuiting.
module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    identityId: identity.id
    principalId: identity.properties.principalId
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    blobContainerNames: blobContainerNames
    queueNames: queueNames
    keyVaultName: names.keyVault
    appInsightsName: names.appInsights
  }
  dependsOn: [
    storage
    keyVault
    monitoring
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    planName: names.plan
    appName: names.functionApp
    location: location
    tags: tags
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    keyVaultUri: keyVault.outputs.uri
    syncSchedule: syncSchedule
    mobieTrainBaseUrl: mobieTrainBaseUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    virtualNetworkSubnetId: appSubnetId
    workspaceId: monitoring.outputs.workspaceId
  }
  // With networkIsolation the app reaches its storage only through the private endpoints: they exist before it starts.
  dependsOn: [
    rbac
    network
  ]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    appInsightsId: monitoring.outputs.appInsightsId
    alertEmail: alertEmail
    actionGroupShortName: take('scs-${environment}', 12)
    evaluationFrequency: alertEvaluationFrequency
  }
}

module storageAlerts 'modules/storage-alerts.bicep' = {
  name: 'storage-alerts'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
    actionGroupId: alerts.outputs.actionGroupId
    evaluationFrequency: alertEvaluationFrequency
  }
}

module partnerAlerts 'modules/partner-alerts.bicep' = {
  name: 'partner-alerts'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    appInsightsId: monitoring.outputs.appInsightsId
    actionGroupId: alerts.outputs.actionGroupId
    evaluationFrequency: alertEvaluationFrequency
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  params: {
    // A workbook's name must be a GUID; this one stays the same on every redeployment of the environment.
    name: guid(resourceGroup().id, 'staffcloudsync-operations-workbook')
    displayName: 'StaffCloudSync operations (${environment})'
    location: location
    tags: tags
    appInsightsId: monitoring.outputs.appInsightsId
    workspaceId: monitoring.outputs.workspaceId
    // https://<host>/… → <host>: the workbook tells MobieTrain's requests from StaffCloud's by it.
  }
}

@description('Function app name: for `az functionapp deployment source config-zip` and the health URL.')
output functionAppName string = functionApp.outputs.name

@description('Host name of the function app: https://<it>/api/health.')
output functionAppHostName string = functionApp.outputs.defaultHostName

@description('Storage account holding the Tenants table (az storage entity insert --account-name).')
output storageAccountName string = storage.outputs.name

@description('Key Vault holding the tenants\' tokens (az keyvault secret set --vault-name).')
output keyVaultName string = keyVault.outputs.name

@description('Client id of the app\'s identity.')
output identityClientId string = identity.properties.clientId
