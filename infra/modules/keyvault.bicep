// The vault of the tenants' StaffCloud tokens and the MobieTrain API key. Access is by Azure RBAC only (no access
// policies): the app's identity gets "Key Vault Secrets User" (read) in rbac.bicep; operators who set secrets need
// "Key Vault Secrets Officer", granted outside this template (docs/deploy.md). Every secret read, write and delete
// is audited to Log Analytics with the caller's identity: who read which tenant's token is a query (operations.md).

@description('Key Vault name: 3–24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

param location string
param tags object

@description('Days a deleted secret or vault can be recovered (7–90). Purge protection keeps it for that long whatever anyone does.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Disabled with networkIsolation: only the private endpoint reaches the vault.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string

@description('Log Analytics workspace the audit log goes to.')
param workspaceId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // A token deleted by mistake (or by an attacker) can always be recovered. Note: once on, it cannot be turned
    // off, and the vault's name stays taken for the retention period after a delete.
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForTemplateDeployment: false
    enabledForDiskEncryption: false
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      defaultAction: publicNetworkAccess == 'Disabled' ? 'Deny' : 'Allow'
      bypass: publicNetworkAccess == 'Disabled' ? 'None' : 'AzureServices'
    }
  }
}

resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    // The AZKVAuditLogs table (resource-specific) rather than the shared AzureDiagnostics one.
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
