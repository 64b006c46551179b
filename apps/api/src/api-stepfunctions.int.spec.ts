import { describe } from 'vitest';
import { describeApiScenarios } from './testing/api-scenarios';

describe('API on the stepfunctions backend (HTTP server and Lambda adapter)', () => {
  describeApiScenarios('stepfunctions');
});
