// The Functions host loads this one module; each import registers its functions.
import './functions/azureRuntime';
import './functions/durableActivities';
import './functions/durableOrchestrations';
import './functions/httpApi';
import './functions/eventGridTrigger';
import './functions/driftScanTrigger';
