// Mail through Azure Communication Services Email: an email service with one domain (the
// Azure-managed xxxx.azurecomm.net, or the operator's own), the sender username on it, and a
// communication service linked to that domain. The app sends with its identity (Entra ID) through
// the communication service's endpoint; keys are off. docs/DEPLOYMENT.md, Mail.
param emailServiceName string
param communicationServiceName string
param tags object

@description('Where the email and communication services keep their data at rest; both must have the same.')
param dataLocation string

@description('The operator\'s own domain (its DNS records added by hand); empty for the Azure-managed domain.')
param domainName string = ''

@description('Whether the operator\'s domain has passed verification (its Domain record at least). Ignored for the Azure-managed domain, which is verified when made.')
param domainVerified bool = false

@description('The part of the sender address before the @.')
param senderUsername string

@description('The name recipients see beside the address.')
param senderDisplayName string

var managed = empty(domainName)

// A communication service can be linked to a verified domain only, and an address is only usable on
// a linked domain: an operator's domain is made first, its records put in DNS and verified, and only
// then, on the next deployment with domainVerified, given its sender and linked.
var usable = managed || domainVerified

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: { dataLocation: dataLocation }
}

resource domain 'Microsoft.Communication/emailServices/domains@2025-05-01' = {
  parent: emailService
  name: managed ? 'AzureManagedDomain' : domainName
  location: 'global'
  tags: tags
  properties: {
    domainManagement: managed ? 'AzureManaged' : 'CustomerManaged'
    // No tracking pixels or rewritten links in mail to officers.
    userEngagementTracking: 'Disabled'
  }
}

resource sender 'Microsoft.Communication/emailServices/domains/senderUsernames@2025-05-01' = if (usable) {
  parent: domain
  name: toLower(senderUsername)
  properties: {
    username: senderUsername
    displayName: empty(senderDisplayName) ? senderUsername : senderDisplayName
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: usable ? [domain.id] : []
    // Entra ID only: no access key can send as the app.
    disableLocalAuth: true
  }
}

output communicationServiceName string = communicationService.name
output endpoint string = 'https://${communicationService.properties.hostName}'
output senderAddress string = '${senderUsername}@${domain.properties.fromSenderDomain}'
output usable bool = usable
// The DNS records an operator's domain needs (Domain ownership, SPF, DKIM, DKIM2, DMARC), each with
// type, name, value and ttl; none for the Azure-managed domain.
output verificationRecords object = managed ? {} : domain.properties.verificationRecords
