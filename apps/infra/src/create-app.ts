import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseDeploySettings } from './settings';
import { StoryboardStack } from './storyboard-stack';

export interface CreateAppOptions {
  /** Folder of `npm run build:lambdas` output (dist/lambdas). */
  bundlesDir: string;
  /** Where the cloud assembly goes (tests: a temporary folder they remove). */
  outdir?: string;
  /** Tests skip the ~10 s WASM CloudFormation schema check; `npm run synth` keeps it. */
  cloudFormationValidation?: boolean;
  /** Context on top of cdk.json and `-c` (tests: settings and `aws:cdk:bundling-stacks`). */
  context?: Record<string, unknown>;
}

/** The CDK app: settings from context (checked by settings.ts), the one stack named by
 * stage, and cdk-nag's AwsSolutions pack run at synth, where a finding not acknowledged
 * with a reason fails the synth. */
export function createApp(options: CreateAppOptions): { app: App; stack: StoryboardStack } {
  const app = new App({
    outdir: options.outdir,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? true,
    context: options.context,
  });
  const settings = parseDeploySettings((key) => app.node.tryGetContext(key));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new StoryboardStack(app, `Storyboard-${settings.stage}`, {
    settings,
    bundlesDir: options.bundlesDir,
    description: `Storyboard (${settings.stage}): novel to comic storyboard, every execution backend`,
  });
  return { app, stack };
}
