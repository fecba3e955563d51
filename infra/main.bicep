// ProfileFunctions on Azure: a Flex Consumption function app (.NET 10 isolated) whose only credential is a
// user-assigned managed identity. No storage account key, no connection string with a key, no secret anywhere.
targetScope = 'resourceGroup'

// Every resource name is derived from baseName, so it is held to what the strictest of them allows: a storage
// account name (3 to 24 lower-case letters and digits), a blob container name (lower case, no two hyphens in a row)
// and a Flex Consumption app name (at most 32 characters: 'func-', 12, '-' and the 13-character token make 31).
@description('Short name the resource names are derived from: 3 to 12 lower-case letters and digits.')
@minLength(3)
@maxLength(12)
param baseName string = 'profiles'

@description('Region of every resource (one where Flex Consumption is offered).')
param location string = resourceGroup().location

@description('Directory (tenant) ID whose tokens the API accepts.')
param apiTenantId string = subscription().tenantId

@description('Application (client) ID of the API\'s app registration (the one exposing Profile.ReadWrite).')
param apiClientId string

@description('Optional: one more token audience the API accepts, besides the client id and api://<client id>.')
param apiAudience string = ''

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the app may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Most photos a user may hold (API.md, Throttling): a create beyond it is 403 QuotaLimitReached.')
@minValue(1)
@maxValue(1000000)
param maxPhotosPerUser int = 1000

// Bicep has no pattern decorator: the characters are checked here, and fail() stops the deployment before any
// resource is created with a name that the resource providers would reject one by one, or accept half-way.
var allowedCharacters = 'abcdefghijklmnopqrstuvwxyz0123456789'
var baseNameCharacters = map(range(0, length(baseName)), index => substring(baseName, index, 1))
var name = empty(filter(baseNameCharacters, character => !contains(allowedCharacters, character)))
  ? baseName
  : fail('baseName must be 3 to 12 lower-case letters (a-z) and digits (0-9); got \'${baseName}\'.')

var token = toLower(uniqueString(subscription().id, resourceGroup().id, name))
var appName = 'func-${name}-${token}'
var deploymentContainerName = 'app-package-${take(appName, 32)}'
var dataTables = ['Profiles', 'ProfilePhotos']

// Built-in roles, by their fixed ids.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${name}-${token}'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: take('st${name}${token}', 24)
  location: location
  kind: 'StorageV2'
  // Zone-redundant: the app's package, its host state and the API's tables survive the loss of one zone.
  sku: { name: 'Standard_ZRS' }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

// Flex Consumption deploys the app package from this container.
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

// The API's photo content (API.md, "Photo content"): blob {userId}/{photoId}, never public.
resource photoContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: 'profile-photos'
  properties: { publicAccess: 'None' }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = [for table in dataTables: {
  parent: tableService
  name: table
}]

resource logs 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: 'log-${name}-${token}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

// Local (key) authentication off: telemetry is accepted only with an Entra token, here the app's identity's.
resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${name}-${token}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'plan-${name}-${token}'
  location: location
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // No ftpsState: Flex Consumption rejects it (error 51021); FTP is off through the ftp credentials policy below.
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// The app's settings, in a child resource because one of them is the site's own host name: the app cannot refer to
// its own properties while it is being created.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: union(
    {
      // The Functions host's own storage, reached with the identity.
      AzureWebJobsStorage__accountName: storage.name
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.properties.clientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
      // The API's settings (API.md): its tables through the identity, the tokens it accepts, and the base of the
      // absolute links it returns (Location, @odata.nextLink).
      ProfileStorage__tableServiceUri: storage.properties.primaryEndpoints.table
      ProfileStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      ProfileStorage__clientId: identity.properties.clientId
      AzureAd__Instance: environment().authentication.loginEndpoint
      AzureAd__TenantId: apiTenantId
      AzureAd__ClientId: apiClientId
      ProfileApi__PublicBaseUrl: 'https://${app.properties.defaultHostName}'
      // Each caller's requests a minute on each instance (API.md, "Throttling"): the default, stated where it can be changed.
      ProfileApi__RateLimit__PermitsPerMinute: '600'
      ProfileApi__MaxPhotosPerUser: string(maxPhotosPerUser)
    },
    empty(apiAudience) ? {} : { AzureAd__Audience: apiAudience })
}

// Deployments authenticate with Entra ID (the pipeline's OIDC login), never with publishing passwords.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

// The identity's roles, and no others. One user-assigned identity serves the Functions host (AzureWebJobsStorage, the
// deployment package, telemetry) and the API (ProfileStorage: tables and photo content). The README's delegation
// condition lets the deploying pipeline assign exactly these role ids (a test compares the two sets).
// Blob Data Owner on the account: the host's storage and the deployment package, and the API's photo content in
// 'profile-photos' (read, write, delete, list a user's blobs). A container-scoped Blob Data Contributor for the API would
// add nothing while the same identity holds this; narrowing it needs a second identity for the API.
resource blobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Table Data Contributor on the account: the API's tables (it creates them if missing, an account-level call)
// and the host's diagnostic events.
resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Monitoring Metrics Publisher: sending telemetry to Application Insights with Entra authentication.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output functionAppName string = app.name
output functionAppHostName string = app.properties.defaultHostName
