import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { App } from 'aws-cdk-lib';
import { createApp } from '../create-app';
import type { StoryboardStack } from '../storyboard-stack';

const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../../..');

/** A synthesized stack: the template as JSON and as an assertions `Template`. */
export interface Synth {
  app: App;
  stack: StoryboardStack;
  json: CfnTemplate;
  template: Template;
  /** The cloud assembly folder (remove it with `cleanup`). */
  outdir: string;
  cleanup: () => Promise<void>;
}

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, unknown>;
  Parameters?: Record<string, unknown>;
}

/**
 * Synthesizes the stack the way `npm run synth` does (same `createApp`, cdk-nag included),
 * minus the slow CloudFormation schema check, into a fresh folder inside the workspace (so a
 * test can `require` a staged bundle and resolve `@aws-sdk/*`).
 */
export async function synth(
  bundlesDir: string,
  context: Record<string, unknown> = {},
  before?: (stack: StoryboardStack) => void,
): Promise<Synth> {
  await mkdir(join(WORKSPACE_ROOT, 'tmp'), { recursive: true });
  const outdir = await mkdtemp(join(WORKSPACE_ROOT, 'tmp', 'infra-synth-'));
  const cleanup = () => rm(outdir, { recursive: true, force: true });
  try {
    const { app, stack } = createApp({
      bundlesDir,
      outdir,
      cloudFormationValidation: false,
      context: { 'aws:cdk:bundling-stacks': [], ...context },
    });
    before?.(stack);
    const assembly = app.synth();
    const json = assembly.getStackArtifact(stack.artifactId).template as CfnTemplate;
    return { app, stack, json, template: Template.fromJSON(json), outdir, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** The resources of one type, by logical id. */
export function resourcesOf(json: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(json.Resources).filter(([, r]) => r.Type === type);
}

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/** Replaces intrinsic functions with plausible deployed values so a property can be read
 * like the deployed one: a queue's `Ref` is its URL, a secret's its ARN, other `Ref`s a name;
 * `GetAtt X.Arn` an ARN naming X; `Fn::Join` joined. */
export function resolveIntrinsics(value: unknown, json: CfnTemplate): unknown {
  const resolve = (v: unknown): unknown => resolveIntrinsics(v, json);
  if (Array.isArray(value)) return value.map(resolve);
  if (!value || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  if ('Ref' in obj) {
    const ref = String(obj.Ref);
    const pseudo: Record<string, string> = {
      'AWS::Partition': 'aws',
      'AWS::Region': REGION,
      'AWS::AccountId': ACCOUNT,
      'AWS::URLSuffix': 'amazonaws.com',
    };
    const type = json.Resources[ref]?.Type;
    if (type === 'AWS::SQS::Queue') return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${ref}`;
    if (type === 'AWS::SecretsManager::Secret') {
      return `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${ref}-AbCdEf`;
    }
    return pseudo[ref] ?? ref.toLowerCase();
  }
  if ('Fn::GetAtt' in obj) {
    const [id, attr] = obj['Fn::GetAtt'] as [string, string];
    if (attr === 'Arn') return `arn:aws:test:${REGION}:${ACCOUNT}:${id}`;
    return `${id}.${attr}`;
  }
  if ('Fn::Join' in obj) {
    const [sep, parts] = obj['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => String(resolve(p))).join(sep);
  }
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, resolve(v)]));
}
