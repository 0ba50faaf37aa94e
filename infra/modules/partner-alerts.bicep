// Alerts on the partners' side of a run, from the app's OpenTelemetry metrics (customMetrics):
//   partner 429s   more 429 answers from StaffCloud or MobieTrain than a healthy pace gives (staffcloudsync.partner.throttled,
//                  each attempt's answer, by partner): our pace (MobieTrain__RequestsPerSecond) or the partner's quota needs a look.
// Apart from alerts.bicep only to keep each file short; it notifies the same action group.

param namePrefix string
param location string
param tags object

@description('Resource id of the Application Insights component the queries run against.')
param appInsightsId string

@description('Action group the alerts notify (alerts.bicep).')
param actionGroupId string

@description('How often the rules look, and how far back (ISO 8601 duration).')
param evaluationFrequency string

@description('429 answers of one partner per evaluation window above which the throttling alert fires.')
param partnerThrottleThreshold int = 50

resource partnerThrottling 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${namePrefix}-partner-429s'
  location: location
  tags: tags
  properties: {
    displayName: 'StaffCloudSync: a partner answers 429 often'
    description: 'StaffCloud or MobieTrain answered many requests with 429 (too many requests). Runs wait and retry, so they slow down or stop at their time budget. See docs/operations.md, "Partner requests".'
    severity: 3
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: evaluationFrequency
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "staffcloudsync.partner.throttled" | extend Partner = tostring(customDimensions.partner) | summarize Throttled = sum(valueSum) by Partner'
          timeAggregation: 'Total'
          metricMeasureColumn: 'Throttled'
          dimensions: [
            {
              name: 'Partner'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: partnerThrottleThreshold
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
