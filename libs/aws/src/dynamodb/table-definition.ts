import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** The one overloaded global secondary index (ARCHITECTURE.md "Storage"). */
export const GSI1 = 'GSI1';
/** The sparse index of unfinished jobs the sweeper reads (only queued and running jobs carry
 * its keys): `GSI2PK` `SWEEP#LEASE` (running, by `leaseUntil`) or `SWEEP#IDLE` (queued or
 * leaseless, by `updatedAt`). */
export const GSI2 = 'GSI2';

/**
 * The single table every repository shares: string keys `PK`/`SK`, one overloaded GSI
 * (`GSI1PK`/`GSI1SK`, all attributes projected) and the sparse sweeper index GSI2, on-demand capacity. The local stack creates
 * it from this; the CDK stack mirrors it.
 */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
      { AttributeName: 'GSI1PK', AttributeType: 'S' },
      { AttributeName: 'GSI1SK', AttributeType: 'S' },
      { AttributeName: 'GSI2PK', AttributeType: 'S' },
      { AttributeName: 'GSI2SK', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: GSI1,
        KeySchema: [
          { AttributeName: 'GSI1PK', KeyType: 'HASH' },
          { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: GSI2,
        KeySchema: [
          { AttributeName: 'GSI2PK', KeyType: 'HASH' },
          { AttributeName: 'GSI2SK', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}
