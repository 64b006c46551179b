import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface MonitoringProps {
  dashboardName: string;
  queue: IQueue;
  deadLetterQueue: IQueue;
  worker: IFunction;
  api: IFunction;
  httpApi: HttpApi;
  stateMachine: IStateMachine;
  alarmEmail?: string;
}

/** The alarms every deployment has, by id; the synth test checks each exists. */
export const ALARMS = [
  'DeadLettersVisible',
  'WorkerErrors',
  'WorkerThrottles',
  'ExecutionsFailed',
  'Api5xx',
] as const;

const PERIOD = Duration.minutes(1);

/**
 * Alarms on what means a job (or a user) is in trouble, all to one SNS topic, and a small
 * dashboard of the queue, the worker, the state machine and the API.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Record<(typeof ALARMS)[number], Alarm>;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', { enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const alarm = (name: (typeof ALARMS)[number], metric: IMetric, description: string) => {
      const a = new Alarm(this, name, {
        metric,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(new SnsAction(this.topic));
      return a;
    };
    this.alarms = {
      DeadLettersVisible: alarm(
        'DeadLettersVisible',
        props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: PERIOD,
          statistic: 'Maximum',
        }),
        'A job message reached the dead-letter queue: its job exhausted its retries.',
      ),
      WorkerErrors: alarm(
        'WorkerErrors',
        props.worker.metricErrors({ period: PERIOD, statistic: 'Sum' }),
        'The SQS worker failed an invocation (not a reported batch item failure).',
      ),
      WorkerThrottles: alarm(
        'WorkerThrottles',
        props.worker.metricThrottles({ period: PERIOD, statistic: 'Sum' }),
        'The SQS worker was throttled: raise its concurrency or the account limit.',
      ),
      ExecutionsFailed: alarm(
        'ExecutionsFailed',
        props.stateMachine.metricFailed({ period: PERIOD, statistic: 'Sum' }),
        'A Step Functions analysis execution failed (the job was marked failed).',
      ),
      Api5xx: alarm(
        'Api5xx',
        props.httpApi.metricServerError({ period: PERIOD, statistic: 'Sum' }),
        'The HTTP API answered 5xx.',
      ),
    };

    const graph = (title: string, metrics: IMetric[]) =>
      new GraphWidget({ title, left: metrics, width: 12, height: 6 });
    new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      widgets: [
        [
          graph('Jobs queue', [
            props.queue.metricApproximateNumberOfMessagesVisible(),
            props.queue.metricApproximateAgeOfOldestMessage(),
            props.deadLetterQueue.metricApproximateNumberOfMessagesVisible(),
          ]),
          graph('SQS worker', [
            props.worker.metricInvocations(),
            props.worker.metricErrors(),
            props.worker.metricThrottles(),
          ]),
        ],
        [
          graph('Step Functions executions', [
            props.stateMachine.metricStarted(),
            props.stateMachine.metricSucceeded(),
            props.stateMachine.metricFailed(),
          ]),
          graph('HTTP API', [
            props.httpApi.metricCount(),
            props.httpApi.metricClientError(),
            props.httpApi.metricServerError(),
            props.api.metricDuration({ statistic: 'p99' }),
          ]),
        ],
      ],
    });
  }
}
