// The topic other systems subscribe to for case events; Entra ID only (no SAS keys). Each
// consuming system has a subscription of its own that keeps only the event types it asked for.
param name string
param location string
param tags object

@description('Standard, or Premium when the namespace is reached through a private endpoint only (private endpoints need Premium).')
@allowed(['Standard', 'Premium'])
param sku string = 'Standard'

@description('Enabled, or Disabled when the namespace is reached through a private endpoint only (usePrivateNetworking).')
@allowed(['Enabled', 'Disabled'])
param publicNetworkAccess string = 'Enabled'

@description('One subscription per consuming system: its name and the event types (message subjects) it receives.')
param subscriptions subscriptionType[]

@export()
type subscriptionType = {
  @description('Subscription name (1-50 characters: letters, digits, ".", "-", "_").')
  @minLength(1)
  @maxLength(50)
  name: string

  @description('Event types it receives, e.g. ComplaintRegistered (docs/API.md, integration events).')
  @minLength(1)
  eventTypes: string[]

  @description('Object id of the consuming system\'s service principal or managed identity, given Azure Service Bus Data Receiver on this subscription only; empty for none yet.')
  receiverPrincipalId: string?
}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: sku == 'Premium' ? { name: 'Premium', tier: 'Premium', capacity: 1 } : { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: publicNetworkAccess
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: 'case-events'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
    defaultMessageTimeToLive: 'P14D'
  }
}

// A topic keeps nothing by itself: an event is kept only in the subscriptions whose filter takes
// it. An event waits up to 14 days for its consumer, then expires and is dropped rather than
// dead-lettered, so a subscription nobody reads yet cannot fill the namespace over the years.
resource topicSubscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [for subscription in subscriptions: {
  parent: topic
  name: subscription.name
  properties: {
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: false
    deadLetteringOnFilterEvaluationExceptions: true
  }
}]

// The subscription's one rule ($Default, which otherwise takes everything) keeps the event types
// asked for; the publisher sets each message's subject (sys.Label) to its event type.
resource filters 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = [for (subscription, i) in subscriptions: {
  parent: topicSubscriptions[i]
  name: '$Default'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: { sqlExpression: 'sys.Label IN (${join(map(subscription.eventTypes, t => '\'${t}\''), ', ')})' }
  }
}]

output name string = namespace.name
output id string = namespace.id
output topicName string = topic.name
