// Event and context factories for tests and benchmarks that call Lambda handlers directly
// (like Powertools' test helpers). Never imported by handler code.
export { apiGatewayV2Event } from './api-gateway-v2-event';
export type { ApiGatewayV2EventInput } from './api-gateway-v2-event';
export { lambdaContext } from './lambda-context';
export { sqsEvent, sqsRecord } from './sqs-record';
export type { SqsRecordInput } from './sqs-record';
