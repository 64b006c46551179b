import { expect } from 'vitest';
import type { ApiResponse } from './transports';

/** A problem+json answer with the status and code expected, and nothing internal in it. */
export function expectProblem(res: ApiResponse, status: number, code: string | RegExp) {
  expect({ status: res.status, body: res.text.slice(0, 300) }).toMatchObject({ status });
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = res.json();
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:storyboard:problem:/) });
  expect(body.code).toMatch(code);
  expect(body.title).toEqual(expect.any(String));
  expect(body.detail).toEqual(expect.any(String));
  expect(res.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|Error:/);
  return body;
}
