// Production: its own resource group (e.g. rg-staffcloudsync-prod). Before the first deployment, replace the
// alert address with the operators' shared mailbox and the MobieTrain URL with the real one.
// No secret belongs here: tokens go to Key Vault (docs/operations.md).
using 'main.bicep'

param baseName = 'scsync'
param environment = 'prod'
param alertEmail = 'staffcloudsync-alerts@example.com'
// Placeholder (.example never resolves): the API root MobieTrain gives the integration.
param mobieTrainBaseUrl = 'https://api.mobietrain.example/'
param syncSchedule = '0 0 2,14 * * *'
// Zone-redundant: the queue and the run records survive a zone outage (choose Standard_LRS where the region has no zones).
param storageSku = 'Standard_ZRS'
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param logRetentionInDays = 90
param keyVaultSoftDeleteRetentionInDays = 90
param alertEvaluationFrequency = 'PT15M'
// Key Vault and storage only through private endpoints: the tenants' tokens and rows are not on the internet at all.
// Operators reach them from inside the virtual network (docs/deploy.md, "Network isolation").
param networkIsolation = true
param virtualNetworkAddressPrefix = '10.40.0.0/23'
param extraTags = {
  criticality: 'business'
}
