#!/bin/sh
# azd postdeploy hook: create the Event Grid subscription once the remediation function exists.
set -eu
if [ "${DUALSTACK_EVENTS_ENABLED:-false}" = "true" ]; then
  echo "Event Grid subscription already enabled."
  exit 0
fi
echo "Function code deployed; enabling the Event Grid subscription to ${AZURE_FUNCTION_NAME:-the function app}."
azd env set DUALSTACK_EVENTS_ENABLED true
azd provision --no-prompt
