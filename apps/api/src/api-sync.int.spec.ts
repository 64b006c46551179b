import { describe } from 'vitest';
import { describeApiScenarios } from './testing/api-scenarios';

describe('API on the sync backend (HTTP server and Lambda adapter)', () => {
  describeApiScenarios('sync');
});
