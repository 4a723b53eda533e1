// Key Vault (premium, so the keys live in HSMs): the KEK that wraps every case key, and the key that signs the
// audit checkpoints. One key never both encrypts and signs. Access is by Azure RBAC only, granted per key.

@description('Azure region of the vault.')
param location string

@description('Name of the key vault (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Days a deleted vault or key can be recovered (purge protection forbids purging before then).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('ISO 8601 duration after which a key version is rotated, e.g. P1Y.')
param keyRotateAfter string

@description('ISO 8601 duration after which a key version expires; longer than the rotation, e.g. P2Y.')
param keyExpiresAfter string

@description('ISO 8601 duration before expiry at which Event Grid is notified, e.g. P30D.')
param keyNotifyBeforeExpiry string

@description('Resource id of the API\'s managed identity; names its role assignments, and is known before deployment.')
param apiIdentityId string

@description('Principal id of the API\'s managed identity, given Key Vault Crypto User on each key.')
param apiPrincipalId string

@description('Resource id of the Log Analytics workspace for the vault\'s audit logs.')
param workspaceId string

param tags object

// Built-in role: Key Vault Crypto User (cryptographic operations with a key; cannot create, delete or read secrets).
var keyVaultCryptoUser = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '12338af0-0e69-4776-bea7-57ae8d297424'
)

// A new version each keyRotateAfter. Old versions stay enabled, and Key Vault still unwraps and verifies with an
// expired version (it refuses only new wraps and signatures), so case keys wrapped by an old version still open and
// old checkpoints still verify; `./run.sh keys rotate` rewraps case keys under the newest KEK version.
var rotationPolicy = {
  attributes: {
    expiryTime: keyExpiresAfter
  }
  lifetimeActions: [
    {
      trigger: {
        timeAfterCreate: keyRotateAfter
      }
      action: {
        type: 'rotate'
      }
    }
    {
      trigger: {
        timeBeforeExpiry: keyNotifyBeforeExpiry
      }
      action: {
        type: 'notify'
      }
    }
  ]
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'premium'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // A destroyed KEK would make every record unreadable: no one may purge it before the retention ends.
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // Reached over its public endpoint with Entra ID only; see README, Deploy to Azure, for private endpoints.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// Vault:Keys:KekName. Wraps and unwraps the per-case AES keys (RSA-OAEP-256); nothing else.
resource kek 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: 'vault-kek'
  tags: tags
  properties: {
    kty: 'RSA-HSM'
    keySize: 3072
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
    attributes: {
      enabled: true
      exportable: false
    }
    rotationPolicy: rotationPolicy
  }
}

// Vault:Keys:SigningKeyName. Signs the audit chain head (RSA-PSS SHA-256) and verifies old checkpoints; nothing else.
resource auditSigning 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: 'audit-signing'
  tags: tags
  properties: {
    kty: 'RSA-HSM'
    keySize: 3072
    keyOps: [
      'sign'
      'verify'
    ]
    attributes: {
      enabled: true
      exportable: false
    }
    rotationPolicy: rotationPolicy
  }
}

// Scoped to each key, not the vault: a key added to this vault later is not reachable by the API until granted.
resource apiKekUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(kek.id, apiIdentityId, keyVaultCryptoUser)
  scope: kek
  properties: {
    roleDefinitionId: keyVaultCryptoUser
    principalId: apiPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource apiSigningUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(auditSigning.id, apiIdentityId, keyVaultCryptoUser)
  scope: auditSigning
  properties: {
    roleDefinitionId: keyVaultCryptoUser
    principalId: apiPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Every key operation (each unwrap of a case key, each checkpoint signature) lands in the workspace.
resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

output keyVaultName string = vault.name
output keyVaultUri string = vault.properties.vaultUri
output kekName string = kek.name
output kekUri string = kek.properties.keyUri
output signingKeyName string = auditSigning.name
output signingKeyUri string = auditSigning.properties.keyUri
