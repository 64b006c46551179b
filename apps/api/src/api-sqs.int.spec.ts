import { describe } from 'vitest';
import { describeApiScenarios } from './testing/api-scenarios';

describe('API on the sqs backend (HTTP server and Lambda adapter)', () => {
  describeApiScenarios('sqs');
});
