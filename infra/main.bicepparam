// Parameters of infra/main.bicep. The tenant's own values come from the environment (see README, Deploy to Azure);
// none of them is a secret. Everything else keeps main.bicep's defaults unless set here.
using './main.bicep'

param apiClientId = readEnvironmentVariable('VAULT_API_CLIENT_ID')
param apiImage = readEnvironmentVariable('VAULT_API_IMAGE')
param registryName = readEnvironmentVariable('VAULT_REGISTRY_NAME', '')
param postgresAdminObjectId = readEnvironmentVariable('VAULT_PG_ADMIN_OBJECT_ID')
param postgresAdminName = readEnvironmentVariable('VAULT_PG_ADMIN_NAME')
param orgClaim = readEnvironmentVariable('VAULT_ORG_CLAIM', 'org')
