import { describe, expect, it } from 'vitest';
import { DOMAIN_ERRORS } from '@storyboard/domain';
import { ERROR_TABLE, HTTP_CODES, errorRow } from './error-table';

describe('ERROR_TABLE', () => {
  it('has a row for every domain error class', () => {
    const missing = Object.entries(DOMAIN_ERRORS)
      .filter(([, errorClass]) => !errorRow(errorClass.code))
      .map(([name, errorClass]) => `${name} (${errorClass.code})`);
    expect(missing, 'domain errors with no HTTP status').toEqual([]);
  });

  it('has a row for every code the HTTP layer raises', () => {
    expect(Object.values(HTTP_CODES).filter((code) => !errorRow(code))).toEqual([]);
  });

  it('gives each code one status', () => {
    const codes = ERROR_TABLE.flatMap((row) => row.codes);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('lists no code that nothing raises', () => {
    const known = new Set<string>([
      ...Object.values(DOMAIN_ERRORS).map((c) => c.code),
      ...Object.values(HTTP_CODES),
    ]);
    expect(ERROR_TABLE.flatMap((row) => row.codes).filter((code) => !known.has(code))).toEqual([]);
  });
});
