// The LLM's permanent errors are domain errors (DOMAIN_ERRORS: every runner, Step Functions
// Catch and the HTTP table know them); re-exported here for the adapter's callers.
export { GeneratorAuthError, GeneratorRejectedError } from '@storyboard/domain';
