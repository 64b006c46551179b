import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** The one overloaded global secondary index (ARCHITECTURE.md "Storage"). */
export const GSI1 = 'GSI1';

/**
 * The single table every repository shares: string keys `PK`/`SK`, one overloaded GSI
 * (`GSI1PK`/`GSI1SK`, all attributes projected), on-demand capacity. The local stack creates
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
    ],
  };
}
