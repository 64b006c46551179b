export { LAMBDA_ENTRIES, bundleLambdas } from './bundle-lambdas';
export type { BundleResult } from './bundle-lambdas';
