import { apiGatewayV2Event } from '@storyboard/aws/testing';

/** An API Gateway HTTP API (payload v2) event with the JWT authorizer's `sub` claim (the
 * shared factory of `@storyboard/aws/testing`, in the simulator's call shape). */
export function apiEvent(
  method: string,
  path: string,
  sub: string,
  body?: Uint8Array,
  contentType?: string,
): unknown {
  return apiGatewayV2Event({
    method,
    path,
    user: sub,
    body,
    headers: contentType ? { 'content-type': contentType } : {},
  });
}
