metadata description = 'A table in the app storage account: the IPv6 /56 reservations (two spokes created at once never get the same prefix), or the runs (each run approved plan and VNet outcomes).'

@description('Storage account that holds the table.')
param storageAccountName string

@minLength(3)
@maxLength(63)
@description('Table name (letters and digits, starting with a letter).')
param tableName string

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
}

resource table 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: tableName
}

@description('Name of the reservations table.')
output name string = table.name
