import { describe, expect, it } from 'vitest';
import * as errors from './errors';
import { DOMAIN_ERRORS, DomainError, RETRYABLE_ERROR_NAMES, RetryableError } from './errors';

/** Every concrete (non-abstract) DomainError class this module exports. */
const exportedClasses = Object.entries(errors).filter(
  ([name, value]) =>
    typeof value === 'function' &&
    value.prototype instanceof DomainError &&
    !['PermanentError', 'RetryableError'].includes(name),
);

describe('DOMAIN_ERRORS', () => {
  it('lists every exported domain error class under its own name', () => {
    expect(exportedClasses.length).toBeGreaterThan(10);
    for (const [name, value] of exportedClasses) {
      expect(DOMAIN_ERRORS, `${name} is missing from DOMAIN_ERRORS`).toHaveProperty(name, value);
    }
    expect(Object.keys(DOMAIN_ERRORS)).toHaveLength(exportedClasses.length);
  });

  it('gives every class a distinct stable code, the same on the class and its instances', () => {
    const codes = Object.values(DOMAIN_ERRORS).map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    const error = new errors.NovelNotFoundError('n1');
    expect(error.code).toBe(errors.NovelNotFoundError.code);
    expect(error.name).toBe('NovelNotFoundError');
  });

  it('derives the retryable names from the classes', () => {
    expect([...RETRYABLE_ERROR_NAMES].sort()).toEqual(
      Object.entries(DOMAIN_ERRORS)
        .filter(([, c]) => c.prototype instanceof RetryableError)
        .map(([n]) => n)
        .sort(),
    );
    expect(RETRYABLE_ERROR_NAMES).toEqual([
      'JobVersionConflictError',
      'GeneratorUnavailableError',
      'StorageUnavailableError',
      'DispatchFailedError',
      'UnexpectedError',
    ]);
    expect(new errors.StorageCorruptError('x').retryable).toBe(false);
  });
});
