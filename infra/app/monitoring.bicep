// Log Analytics and Application Insights (local auth off: the app sends with its identity; client
// IP addresses are masked, never stored: an anonymous reporter's address must not be kept).
param workspaceName string
param insightsName string
param location string
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: insightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
    DisableIpMasking: false
  }
}

output insightsName string = insights.name
output insightsId string = insights.id
output workspaceId string = workspace.id
output connectionString string = insights.properties.ConnectionString
