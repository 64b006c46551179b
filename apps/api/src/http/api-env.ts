import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';

/** Hono bindings and per-request variables shared by every route and middleware. On Lambda
 * the adapter passes the raw event; on @hono/node-server there is none. */
export interface ApiEnv {
  Bindings: { event?: LambdaEvent; lambdaContext?: LambdaContext };
  Variables: {
    /** The caller, set by the auth middleware; every use case is scoped to it. */
    userId: string;
    /** API Gateway's request id on Lambda, a fresh UUID otherwise; echoed as `X-Request-Id`. */
    requestId: string;
    /** The job a request is about, when there is one: logged with the request. */
    jobId?: string;
  };
}
