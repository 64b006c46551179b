import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { closeServer, endpointOf, listen } from './http-server';
import type { RunningEmulator } from './dynamodb-emulator';

interface StoredSecret {
  arn: string;
  name: string;
  value: string;
  versionId: string;
  created: number;
}

export interface SecretsManagerEmulator extends RunningEmulator {
  /** Secrets created so far, by ARN (tests; values are what was stored). */
  readonly secretCount: number;
}

/**
 * A small Secrets Manager over its JSON 1.1 protocol (`X-Amz-Target: secretsmanager.*`):
 * `CreateSecret` (SecretString only) and `GetSecretValue` by ARN or name, the two calls the
 * app and its tests make. Unknown secrets answer `ResourceNotFoundException` like AWS; other
 * operations answer `UnknownOperationException`. Values are never logged.
 */
export async function startSecretsManagerEmulator(options: {
  region: string;
  accountId: string;
}): Promise<SecretsManagerEmulator> {
  const secrets = new Map<string, StoredSecret>();
  const find = (id: unknown) =>
    typeof id === 'string'
      ? (secrets.get(id) ?? [...secrets.values()].find((s) => s.name === id))
      : undefined;

  const handle = (target: string, body: Record<string, unknown>): [number, object] => {
    switch (target) {
      case 'secretsmanager.CreateSecret': {
        const name = body.Name;
        if (typeof name !== 'string' || !name || typeof body.SecretString !== 'string') {
          return awsError(400, 'InvalidParameterException', 'Name and SecretString are required.');
        }
        if (find(name)) {
          return awsError(400, 'ResourceExistsException', `The secret ${name} already exists.`);
        }
        const suffix = randomUUID().replaceAll('-', '').slice(0, 6);
        const secret: StoredSecret = {
          arn: `arn:aws:secretsmanager:${options.region}:${options.accountId}:secret:${name}-${suffix}`,
          name,
          value: body.SecretString,
          versionId: randomUUID(),
          created: Date.now() / 1000,
        };
        secrets.set(secret.arn, secret);
        return [200, { ARN: secret.arn, Name: name, VersionId: secret.versionId }];
      }
      case 'secretsmanager.GetSecretValue': {
        const secret = find(body.SecretId);
        if (!secret) {
          return awsError(
            400,
            'ResourceNotFoundException',
            "Secrets Manager can't find the specified secret.",
          );
        }
        return [
          200,
          {
            ARN: secret.arn,
            Name: secret.name,
            SecretString: secret.value,
            VersionId: secret.versionId,
            VersionStages: ['AWSCURRENT'],
            CreatedDate: secret.created,
          },
        ];
      }
      default:
        return awsError(
          400,
          'UnknownOperationException',
          `${target || 'No target'} is not emulated.`,
        );
    }
  };

  const server = createServer((req, res) => {
    readJson(req).then(
      (body) => send(res, ...handle(String(req.headers['x-amz-target'] ?? ''), body)),
      () => send(res, ...awsError(400, 'SerializationException', 'The body is not JSON.')),
    );
  });
  const port = await listen(server);
  return {
    endpoint: endpointOf(port),
    close: () => closeServer(server),
    get secretCount() {
      return secrets.size;
    },
  };
}

const awsError = (status: number, type: string, message: string): [number, object] => [
  status,
  { __type: type, message },
];

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const parsed: unknown = text ? JSON.parse(text) : {};
  if (!parsed || typeof parsed !== 'object') throw new Error('not an object');
  return parsed as Record<string, unknown>;
}

/** Stores a secret string through `client` (the emulation's); resolves with its ARN. */
export async function createSecret(
  client: SecretsManagerClient,
  name: string,
  value: string,
): Promise<string> {
  const created = await client.send(new CreateSecretCommand({ Name: name, SecretString: value }));
  if (!created.ARN) throw new Error(`CreateSecret ${name} returned no ARN.`);
  return created.ARN;
}
