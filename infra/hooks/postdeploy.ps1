# azd postdeploy hook: create the Event Grid subscription once the remediation function exists.
$ErrorActionPreference = 'Stop'
if ($env:DUALSTACK_EVENTS_ENABLED -eq 'true') {
  Write-Host 'Event Grid subscription already enabled.'
  exit 0
}
Write-Host "Function code deployed; enabling the Event Grid subscription to $($env:AZURE_FUNCTION_NAME)."
azd env set DUALSTACK_EVENTS_ENABLED true
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
azd provision --no-prompt
exit $LASTEXITCODE
