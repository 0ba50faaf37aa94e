// The on-call workbook (Azure Monitor → Workbooks, or the Application Insights component → Workbooks): how the
// tenants' runs end, who fails, held deletions, what runs did and skipped, quarantine, poison messages, the partners'
// requests, retries and 429s, and run times. Each query is a file in ../workbook/ (KQL, readable and diffable) that
// reads the app's OpenTelemetry metrics (customMetrics, by the names in SyncTelemetry.cs), never the text of a log
// line; the infra tests check every metric and tag a query names against the code, as they do the alert rules'. docs/operations.md says what to do with each panel.

@description('The workbook\'s resource name: a GUID.')
param name string

param displayName string
param location string
param tags object

@description('Application Insights component the metric queries run against (customMetrics).')
param appInsightsId string

@description('Log Analytics workspace the storage queue log is in (the poison queue\'s poison queue).')
param workspaceId string

var logs = 'microsoft.insights/components'
var workspace = 'microsoft.operationalinsights/workspaces'

var content = {
  version: 'Notebook/1.0'
  items: [
    {
      type: 1
      name: 'about'
      content: {
        json: '## StaffCloudSync on call\nWhat each panel means and what to do about it: docs/operations.md. A tenant\'s run records (`staffcloud-sync runs <tenant>`) have the details the log lines leave out.'
      }
    }
    {
      type: 9
      name: 'parameters'
      content: {
        version: 'KqlParameterItem/1.0'
        crossComponentResources: [appInsightsId]
        parameters: [
          {
            id: guid('TimeRange')
            version: 'KqlParameterItem/1.0'
            name: 'TimeRange'
            label: 'Time range'
            type: 4
            isRequired: true
            value: {
              durationMs: 86400000
            }
            typeSettings: {
              // 1 hour, 4 hours, 1, 3, 7 and 30 days.
              selectableValues: [{ durationMs: 3600000 }, { durationMs: 14400000 }, { durationMs: 86400000 }, { durationMs: 259200000 }, { durationMs: 604800000 }, { durationMs: 2592000000 }]
              allowCustom: true
            }
          }
          {
            id: guid('Tenant')
            version: 'KqlParameterItem/1.0'
            name: 'Tenant'
            type: 2
            multiSelect: true
            quote: '\''
            delimiter: ','
            query: loadTextContent('../workbook/tenants.kql')
            typeSettings: {
              additionalResourceOptions: ['value::all']
              selectAllValue: '*'
              showDefault: false
            }
            value: ['value::all']
            defaultValue: 'value::all'
            timeContext: {
              durationMs: 2592000000
            }
            queryType: 0
            resourceType: logs
          }
        ]
        style: 'pills'
        queryType: 0
        resourceType: logs
      }
    }
    {
      type: 3
      name: 'runs-by-status'
      content: {
        version: 'KqlItem/1.0'
        title: 'Runs over time by status'
        query: loadTextContent('../workbook/runs-by-status.kql')
        visualization: 'timechart'
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: logs
      }
    }
    {
      type: 3
      name: 'runs-per-tenant'
      content: {
        version: 'KqlItem/1.0'
        title: 'Runs per tenant by status'
        query: loadTextContent('../workbook/runs-per-tenant.kql')
        visualization: 'table'
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: logs
      }
    }
    {
      type: 3
      name: 'failing-tenants'
      content: {
        version: 'KqlItem/1.0'
        title: 'Failing tenants and their reasons'
        query: loadTextContent('../workbook/failing-tenants.kql')
        visualization: 'table'
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: logs
      }
    }
    {
      type: 3
      name: 'held-deletions'
      customWidth: '50'
      content: {
        version: 'KqlItem/1.0'
        title: 'Held deletions'
        query: loadTextContent('../workbook/held-deletions.kql')
        visualization: 'table'
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: logs
      }
    }
    {
      type: 3
      name: 'actions-by-kind'
      customWidth: '50'
      content: {
        version: 'KqlItem/1.0'
        title: 'Actions by kind, and skipped persons by reason'
        query: loadTextContent('../workbook/actions-by-kind.kql')
        visualization: 'table'
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: logs
      }
    }
    {
      type: 3
      name: 'quarantined-tenants'
      content: {
        version: 'KqlItem/1.0'
        title: 'Tenants put into quarantine'
        query: loadTextContent('../workbook/quarantined-tenants.kql')
        visualization: 'table'
        // Quarantine is a state, not an event of the chosen hours: look back far enough to find when it began.
        timeContext: {
          durationMs: 2592000000
        }
        queryType: 0
        resourceType: logs
      }
    }
    {
      type: 3
      name: 'poison-messages'
      customWidth: '50'
      content: {
        version: 'KqlItem/1.0'
        title: 'Poison messages'
        query: loadTextContent('../workbook/poison-messages.kql')
        visualization: 'table'
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: logs
      }
    }
    {
      type: 3
      name: 'poison-of-poison'
      customWidth: '50'
      content: {
        version: 'KqlItem/1.0'
        title: 'Messages stuck in tenant-sync-poison-poison'
        query: loadTextContent('../workbook/poison-of-poison.kql')
        visualization: 'table'
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: workspace
        crossComponentResources: [workspaceId]
      }
    }
    {
      type: 3
      name: 'partner-requests'
      customWidth: '50'
      content: {
        version: 'KqlItem/1.0'
        title: 'Requests and 429s per partner'
        query: loadTextContent('../workbook/partner-requests.kql')
        visualization: 'table'
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: logs
      }
    }
    {
      type: 3
      name: 'partner-throttling'
      customWidth: '50'
      content: {
        version: 'KqlItem/1.0'
        title: '429s per partner over time'
        query: loadTextContent('../workbook/partner-throttling.kql')
        visualization: 'timechart'
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: logs
      }
    }
    {
      type: 3
      name: 'partner-retries'
      content: {
        version: 'KqlItem/1.0'
        title: 'Retries per partner and status'
        query: loadTextContent('../workbook/partner-retries.kql')
        visualization: 'table'
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: logs
      }
    }
    {
      type: 3
      name: 'run-times'
      content: {
        version: 'KqlItem/1.0'
        title: 'Run duration, start lag and chain length'
        query: loadTextContent('../workbook/run-times.kql')
        visualization: 'table'
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: logs
      }
    }
  ]
  fallbackResourceIds: [appInsightsId]
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    // Opens from the component's Workbooks blade, with its logs as the default source.
    sourceId: appInsightsId
    serializedData: string(content)
  }
}
