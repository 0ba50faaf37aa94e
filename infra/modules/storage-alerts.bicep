// Alerts read from the storage account's own logs (storage.bicep sends its queue log to the workspace) rather than
// from the app's log lines, for what the app never sees:
//   poison of the poison   a message TenantSyncPoison itself failed on three times: the host moved it to
//                          tenant-sync-poison-poison, which nothing reads, so that run was never recorded.
// The queue log records the host's PutMessage into that queue, whoever wrote it; one alert per storage account.

param namePrefix string
param location string
param tags object

@description('Resource id of the Log Analytics workspace holding the storage queue log.')
param workspaceId string

@description('Action group the alerts notify (alerts.bicep).')
param actionGroupId string

@description('How often the rules look, and how far back (ISO 8601 duration).')
param evaluationFrequency string

resource poisonOfPoison 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${namePrefix}-poison-of-poison'
  location: location
  tags: tags
  properties: {
    displayName: 'StaffCloudSync: messages stuck in the poison queue\'s poison queue'
    description: 'TenantSyncPoison failed three times on a message, so the host moved it to tenant-sync-poison-poison, which nothing reads: that run was not recorded. See docs/operations.md, "Poison messages".'
    severity: 1
    enabled: true
    scopes: [
      workspaceId
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: evaluationFrequency
    // The StorageQueueLogs table appears with the first queue log entry: a fresh workspace does not have it yet.
    skipQueryValidation: true
    criteria: {
      allOf: [
        {
          query: 'StorageQueueLogs | where OperationName == "PutMessage" and Uri contains "/tenant-sync-poison-poison/messages" | summarize Messages = count() by AccountName'
          timeAggregation: 'Total'
          metricMeasureColumn: 'Messages'
          dimensions: [
            {
              name: 'AccountName'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: {
      actionGroups: [
        actionGroupId
      ]
    }
  }
}
