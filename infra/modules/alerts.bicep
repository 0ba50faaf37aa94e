// What an operator must hear about, by e-mail through one action group. Every rule but the function failures reads the
// app's OpenTelemetry metrics (customMetrics, names and tags from StaffCloudSync.Core/Platform/Telemetry/SyncTelemetry.cs), never
// the text of a log line, so rewording a message cannot silently break an alert; the infra tests hold names and code together.
//   poison messages        a tenant run the queue gave up on (staffcloudsync.poison_messages, by tenant)
//   failed or held runs    staffcloudsync.runs with status Failed, DeletionsHeld or CompletedWithErrors (not dry runs)
//   function failures      any function invocation that failed (requests with success == false)
//   quarantined tenants    a tenant whose runs kept failing for a reason a retry cannot fix (staffcloudsync.tenants.quarantined)
//   notification refusals  more 401s on the notification URL than StaffCloud alone makes (staffcloudsync.notifications.refused):
//                          a flood, or a registered tenant whose secret changed
//   partner 429s           partner-alerts.bicep (staffcloudsync.partner.throttled)
// (The poison queue's own poison queue has no app metric: storage-alerts.bicep watches the storage log for it.)
// Each rule splits by tenant where there is one, so each tenant's problem is its own alert.

param namePrefix string
param location string
param tags object

@description('Resource id of the Application Insights component the queries run against.')
param appInsightsId string

@description('E-mail address the alerts go to.')
param alertEmail string

@description('Short name of the action group (at most 12 characters), shown in SMS and e-mail subjects.')
@maxLength(12)
param actionGroupShortName string

@description('How often the rules look, and how far back (ISO 8601 duration).')
param evaluationFrequency string

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${namePrefix}'
  // Action groups are global resources.
  location: 'global'
  tags: tags
  properties: {
    groupShortName: actionGroupShortName
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource poisonMessages 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${namePrefix}-poison-messages'
  location: location
  tags: tags
  properties: {
    displayName: 'StaffCloudSync: tenant runs in the poison queue'
    description: 'A tenant-sync message was given up after the queue\'s retries (or was unreadable) and reached tenant-sync-poison. The run is recorded as Failed; see docs/operations.md, "Poison messages".'
    severity: 1
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: evaluationFrequency
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "staffcloudsync.poison_messages" | extend TenantId = tostring(customDimensions.tenant) | summarize Messages = sum(valueSum) by TenantId'
          timeAggregation: 'Total'
          metricMeasureColumn: 'Messages'
          dimensions: [
            {
              name: 'TenantId'
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
        actionGroup.id
      ]
    }
  }
}

resource failedOrHeldRuns 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${namePrefix}-failed-or-held-runs'
  location: location
  tags: tags
  properties: {
    displayName: 'StaffCloudSync: runs failed, held deletions or completed with errors'
    description: 'A real (not dry) tenant run finished Failed, DeletionsHeld or CompletedWithErrors. See the tenant\'s runs and docs/operations.md.'
    severity: 2
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: evaluationFrequency
    criteria: {
      allOf: [
        {
          // The runs metric, counted from each run's record, with its status and dry_run tags. A dry run is an
          // operator's preview, not a run to be alerted on.
          query: 'customMetrics | where name == "staffcloudsync.runs" | extend TenantId = tostring(customDimensions.tenant), Status = tostring(customDimensions.status), DryRun = tostring(customDimensions.dry_run) | where Status in ("Failed", "DeletionsHeld", "CompletedWithErrors") and DryRun !~ "true" | summarize Runs = sum(valueSum) by TenantId, Status'
          timeAggregation: 'Total'
          metricMeasureColumn: 'Runs'
          dimensions: [
            {
              name: 'TenantId'
              operator: 'Include'
              values: [
                '*'
              ]
            }
            {
              name: 'Status'
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
        actionGroup.id
      ]
    }
  }
}

resource quarantinedTenants 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${namePrefix}-quarantined-tenants'
  location: location
  tags: tags
  properties: {
    displayName: 'StaffCloudSync: tenant quarantined'
    description: 'A tenant failed several runs in a row for a reason a retry cannot fix (credentials, configuration, a missing secret) and is now run once a day only. See docs/operations.md, "Quarantine".'
    severity: 1
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: evaluationFrequency
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "staffcloudsync.tenants.quarantined" | extend TenantId = tostring(customDimensions.tenant) | summarize Quarantines = sum(valueSum) by TenantId'
          timeAggregation: 'Total'
          metricMeasureColumn: 'Quarantines'
          dimensions: [
            {
              name: 'TenantId'
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
        actionGroup.id
      ]
    }
  }
}

resource functionFailures 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${namePrefix}-function-failures'
  location: location
  tags: tags
  properties: {
    displayName: 'StaffCloudSync: function invocations failed'
    description: 'A function invocation failed (an outage rethrown for the queue to retry, a crash, a timeout). The exception is in "exceptions" under the same operation id.'
    severity: 2
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: evaluationFrequency
    criteria: {
      allOf: [
        {
          query: 'requests | where success == false | summarize Failures = count() by FunctionName = operation_Name'
          timeAggregation: 'Total'
          metricMeasureColumn: 'Failures'
          dimensions: [
            {
              name: 'FunctionName'
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
        actionGroup.id
      ]
    }
  }
}

@description('Refused (401) notifications per evaluation window above which the refusal alert fires.')
param notificationRefusalThreshold int = 100

resource notificationRefusals 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${namePrefix}-notification-refusals'
  location: location
  tags: tags
  properties: {
    displayName: 'StaffCloudSync: notification refusals spiking'
    description: 'Many StaffCloud notifications were refused (401): an anonymous flood, or a registered tenant whose webhook secret changed or is missing. See docs/operations.md, "Notifications".'
    severity: 2
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: evaluationFrequency
    criteria: {
      allOf: [
        {
          // Not split by tenant: a flood names tenants of its own choosing.
          query: 'customMetrics | where name == "staffcloudsync.notifications.refused" | summarize Refusals = sum(valueSum)'
          timeAggregation: 'Total'
          metricMeasureColumn: 'Refusals'
          operator: 'GreaterThan'
          threshold: notificationRefusalThreshold
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
        actionGroup.id
      ]
    }
  }
}

output actionGroupId string = actionGroup.id
