// Who is told when something is wrong, and about what: an action group; log alerts over the
// Application Insights component (poison messages, an overdue backlog, the failure rate); a
// standard availability test of GET /api/health with its alert; and the operations workbook.
// The metrics come from the app (OpenTelemetry into customMetrics, dimensions in customDimensions):
// anticorruption.queue.depth {queue}, anticorruption.complaints.overdue {region},
// anticorruption.complaints.received.
param location string
param tags object
param insightsId string

@description('The function app\'s https:// address; the availability test calls /api/health on it.')
param appUrl string

@description('Names the action group, the rules and the availability test.')
param name string

@description('E-mail addresses the action group notifies.')
param emailAddresses string[]

@description('Country calling code of the SMS numbers (66 for Thailand).')
param smsCountryCode string

@description('Phone numbers, without the country code, the action group sends an SMS to.')
param smsNumbers string[]

@description('HTTPS endpoint that receives each alert in the common alert schema; empty for none. It is stored in the action group in plain text: use one whose URL holds no secret.')
param webhookUrl string

@description('Overdue complaints in one region above which an alert fires.')
@minValue(0)
param overdueThreshold int

@description('Percentage of failed requests (server errors and failed function runs; 4xx answers are the caller\'s and do not count) above which an alert fires.')
@minValue(1)
@maxValue(100)
param failureRatePercent int

@description('Minutes over which the failure rate is measured.')
@allowed([5, 10, 15, 30, 45, 60])
param failureRateWindowMinutes int

@description('Requests a window needs before its failure rate counts (a single failed request of two is not an outage).')
@minValue(1)
param failureRateMinimumRequests int

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${name}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'pacc-ops'
    enabled: true
    emailReceivers: [for (address, i) in emailAddresses: { name: 'email-${i}', emailAddress: address, useCommonAlertSchema: true }]
    smsReceivers: [for (number, i) in smsNumbers: { name: 'sms-${i}', countryCode: smsCountryCode, phoneNumber: number }]
    webhookReceivers: empty(webhookUrl) ? [] : [{ name: 'webhook', serviceUri: webhookUrl, useCommonAlertSchema: true }]
  }
}

// A message in any -poison queue: something the app could not process five times over, which no
// one will retry until a person looks. One alert per queue.
var poisonQuery = '''
customMetrics
| where name == "anticorruption.queue.depth"
| extend queue = tostring(customDimensions["queue"])
| where queue endswith "-poison"
| summarize depth = max(value) by queue
'''

// Complaints past their acknowledgement or feedback date, per PACC region (0 to 9): the latest
// figure each region reported in the window. One alert per region.
var overdueQuery = '''
customMetrics
| where name == "anticorruption.complaints.overdue"
| extend region = tostring(customDimensions["region"])
| summarize arg_max(timestamp, value) by region
| project region, overdue = value
'''

// Failed requests over all requests (HTTP and function runs), in percent. A 4xx is the caller's
// mistake, a rate limit or a refused token: not a failure of the service.
var failureRateQuery = replace('''
requests
| extend code = toint(resultCode)
| summarize total = count(), failed = countif(success == false and (isnull(code) or code < 400 or code >= 500))
| where total >= __MINIMUM__
| project failureRate = 100.0 * failed / total
''', '__MINIMUM__', string(failureRateMinimumRequests))

var logAlerts = [
  {
    key: 'poison'
    displayName: 'Poison messages'
    description: 'A -poison queue holds messages: they failed five times and wait for a person (docs/DEPLOYMENT.md).'
    severity: 1
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    query: poisonQuery
    measure: 'depth'
    threshold: 0
    dimensions: [{ name: 'queue', operator: 'Include', values: ['*'] }]
  }
  {
    key: 'overdue'
    displayName: 'Overdue complaints'
    description: 'A region has more overdue complaints than overdueBacklogThreshold.'
    severity: 3
    evaluationFrequency: 'PT1H'
    windowSize: 'PT2H'
    query: overdueQuery
    measure: 'overdue'
    threshold: overdueThreshold
    dimensions: [{ name: 'region', operator: 'Include', values: ['*'] }]
  }
  {
    key: 'failure-rate'
    displayName: 'Failure rate'
    description: 'More than failureRatePercent of requests failed over the window.'
    severity: 2
    evaluationFrequency: 'PT5M'
    windowSize: 'PT${failureRateWindowMinutes}M'
    query: failureRateQuery
    measure: 'failureRate'
    threshold: failureRatePercent
    dimensions: []
  }
]

resource rules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for rule in logAlerts: {
  name: '${rule.key}-${name}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: rule.displayName
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [insightsId]
    evaluationFrequency: rule.evaluationFrequency
    windowSize: rule.windowSize
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Maximum'
          metricMeasureColumn: rule.measure
          operator: 'GreaterThan'
          threshold: rule.threshold
          dimensions: rule.dimensions
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [actionGroup.id] }
  }
}]

// GET /api/health from five places every five minutes: 200 when tables, queues and blobs answer.
resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: 'health-${name}'
  location: location
  // The link that shows the test under the component in the portal.
  tags: union(tags, { 'hidden-link:${insightsId}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: 'health-${name}'
    Name: 'Health (GET /api/health)'
    Kind: 'standard'
    Enabled: true
    Frequency: 300
    Timeout: 30
    RetryEnabled: true
    Locations: [
      { Id: 'apac-sg-sin-azr' } // Southeast Asia
      { Id: 'apac-hk-hkn-azr' } // East Asia
      { Id: 'apac-jp-kaw-edge' } // Japan East
      { Id: 'emea-au-syd-edge' } // Australia East
      { Id: 'us-ca-sjc-azr' } // West US
    ]
    Request: {
      RequestUrl: '${appUrl}/api/health'
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

// Two of the five places failing at once is an outage, not one place's network.
resource healthAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'health-${name}'
  location: 'global'
  tags: tags
  properties: {
    description: 'GET /api/health failed from two or more test locations.'
    severity: 1
    enabled: true
    scopes: [healthTest.id, insightsId]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: insightsId
      failedLocationCount: 2
    }
    actions: [{ actionGroupId: actionGroup.id }]
  }
}

// Intake, processing lag, poison queues, overdue cases per region and LINE latency, over the
// component's data (workbook.json; the component's id is put in where the file says so).
resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(insightsId, 'operations-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'PACC complaints: operations'
    category: 'workbook'
    sourceId: insightsId
    serializedData: replace(loadTextContent('workbook.json'), '__INSIGHTS_ID__', insightsId)
  }
}

output actionGroupId string = actionGroup.id
