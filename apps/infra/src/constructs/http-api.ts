import type { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import type { IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag-acknowledgements';

/** The routes anyone may read: the API's own documentation (apps/api/src/app.ts). */
export const PUBLIC_DOC_ROUTES = ['GET /docs', 'GET /openapi.json'] as const;

export interface StoryboardHttpApiProps {
  handler: IFunction;
  jwtIssuer: string;
  jwtAudience: string[];
  logRetentionDays: number;
  removalPolicy: RemovalPolicy;
}

/**
 * The HTTP API (payload v2) in front of the API function. Every route needs a JWT from the
 * configured issuer and audience except the docs; the function reads the user from the
 * authorizer's claims (`AUTH_MODE=jwt`). Access logs go to their own log group.
 */
export class StoryboardHttpApi extends Construct {
  readonly api: HttpApi;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: StoryboardHttpApiProps) {
    super(scope, id);
    const integration = new HttpLambdaIntegration('Api', props.handler);
    const authorizer: IHttpRouteAuthorizer = new HttpJwtAuthorizer('Jwt', props.jwtIssuer, {
      jwtAudience: props.jwtAudience,
      identitySource: ['$request.header.Authorization'],
    });
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Storyboard API',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetentionDays,
      removalPolicy: props.removalPolicy,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        // JSON with what explains a failed request: the route, the authorizer's and the
        // integration's errors, and the request id the function logs too.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });
    this.api.addRoutes({ path: '/{proxy+}', methods: [HttpMethod.ANY], integration, authorizer });
    for (const route of PUBLIC_DOC_ROUTES) {
      const [method, path] = route.split(' ') as [HttpMethod, string];
      const [docs] = this.api.addRoutes({
        path,
        methods: [method],
        integration,
        authorizer: new HttpNoneAuthorizer(),
      });
      if (docs) {
        acknowledge(docs, 'AwsSolutions-APIG4', 'The API documentation is public on purpose.');
      }
    }
  }

  get url(): string {
    return this.api.apiEndpoint;
  }
}
