// Where the app's logs go: a Log Analytics workspace and a workspace-based Application Insights component.
// Local (instrumentation key) authentication is off, so only identities with "Monitoring Metrics Publisher" on the
// component (the app's identity, rbac.bicep) can send telemetry: the connection string alone is not a credential.

param workspaceName string
param appInsightsName string
param location string
param tags object

@description('Days Log Analytics keeps the logs (30–730).')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
    RetentionInDays: retentionInDays
  }
}

output workspaceId string = workspace.id
output appInsightsName string = appInsights.name
output appInsightsId string = appInsights.id
output appInsightsConnectionString string = appInsights.properties.ConnectionString
