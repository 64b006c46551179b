export { readSecretApiKey, SecretReadError } from './secret-api-key';
