import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { LambdaEvent } from 'hono/aws-lambda';
import type { LocalStack } from '@storyboard/local-stack';
import { startLocalStack } from '@storyboard/local-stack';
import { sampleNovel } from './testing/api-harness';
import { apiGatewayV2Event } from '@storyboard/aws/testing';

let stack: LocalStack;
const saved = { ...process.env };

beforeAll(async () => {
  stack = await startLocalStack();
});
afterAll(async () => {
  process.env = saved;
  await stack.stop();
});

const onLambda = () => ({
  ...saved,
  ...stack.env,
  AWS_LAMBDA_FUNCTION_NAME: 'storyboard-api',
  EXECUTION_BACKEND: 'sync',
  SYNC_MAX_CHARS: '100000',
  LOG_LEVEL: 'SILENT',
});

it('the deployed handler module, configured only by env, serves the API with JWT auth', async () => {
  process.env = { ...onLambda() };
  vi.resetModules();
  const { handler } = await import('./lambda');
  const call = (req: Parameters<typeof apiGatewayV2Event>[0]) =>
    handler(apiGatewayV2Event(req) as unknown as LambdaEvent);

  const created = await call({
    method: 'POST',
    path: '/novels?title=Lighthouse',
    user: 'lambda-user',
    headers: { 'content-type': 'text/plain' },
    body: await sampleNovel(),
  });
  expect(created.statusCode).toBe(201);
  const novel = JSON.parse(created.body);
  const analysis = await call({
    method: 'POST',
    path: `/novels/${novel.id}/analyses`,
    user: 'lambda-user',
  });
  expect(analysis.statusCode).toBe(200);
  expect(JSON.parse(analysis.body)).toMatchObject({ status: 'completed', backend: 'sync' });

  const anonymous = await call({
    method: 'GET',
    path: '/novels',
    headers: { 'x-user-id': 'lambda-user' },
  });
  expect(anonymous.statusCode).toBe(401);
  expect(anonymous.headers['content-type']).toBe('application/problem+json');
});

it('refuses to start on Lambda with AUTH_MODE=dev', async () => {
  process.env = { ...onLambda(), AUTH_MODE: 'dev' };
  vi.resetModules();
  await expect(import('./lambda')).rejects.toThrow(/AUTH_MODE=dev is refused on Lambda/);
});
