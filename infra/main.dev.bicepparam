// Development: its own resource group (e.g. rg-staffcloudsync-dev), small and cheap. Replace the placeholder
// alert address and MobieTrain URL (its test account) with the team's own.
// No secret belongs here: tokens go to Key Vault (docs/operations.md).
using 'main.bicep'

param baseName = 'scsync'
param environment = 'dev'
param alertEmail = 'staffcloudsync-dev-alerts@example.com'
// Placeholder (.example never resolves): the API root MobieTrain gives the integration.
param mobieTrainBaseUrl = 'https://api.mobietrain.example/'
param syncSchedule = '0 0 2,14 * * *'
param storageSku = 'Standard_LRS'
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param logRetentionInDays = 30
// Short in dev, where vaults are torn down and re-created; purge protection still holds deleted secrets this long.
param keyVaultSoftDeleteRetentionInDays = 7
param alertEvaluationFrequency = 'PT15M'
// Public endpoints, still Entra ID only: developers run the CLI against dev from their machines.
param networkIsolation = false
