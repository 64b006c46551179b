import type { AnalysisJob, Storyboard } from '@storyboard/domain';

/** The lines printed after a completed run. */
export function formatSummary(storyboard: Storyboard, job: AnalysisJob, wallMs: number): string {
  const { stats } = storyboard;
  const top = storyboard.characters
    .slice(0, 8)
    .map((c) => `${c.name} (${c.mentions})`)
    .join(', ');
  return [
    `Storyboard of "${storyboard.novel.title}" (${storyboard.novel.language}, ${storyboard.novel.encoding}, ${storyboard.novel.length.toLocaleString('en-US')} characters)`,
    `  chapters       ${stats.chapters}`,
    `  scenes         ${stats.scenes}`,
    `  panels         ${stats.panels}`,
    `  dialogue lines ${stats.dialogueLines}`,
    `  characters     ${storyboard.characters.length}${top ? `: ${top}` : ''}`,
    `  backend        ${job.backend}, generator ${stats.generator}, attempts ${job.attempts}`,
    ...(stats.usage
      ? [
          `  tokens         ${stats.usage.promptTokens.toLocaleString('en-US')} prompt, ${stats.usage.completionTokens.toLocaleString('en-US')} completion${stats.usage.estimatedCostUsd === undefined ? '' : `, about $${stats.usage.estimatedCostUsd.toFixed(4)} (price table estimate)`}`,
        ]
      : []),
    // Two clocks: the whole command (reading the file, starting the embedded stack, polling)
    // and the job alone (started → storyboard saved), which the HTML page shows as "job time".
    `  time           ${(wallMs / 1000).toFixed(2)} s this command in all; the job ${(stats.durationMs / 1000).toFixed(2)} s from start to storyboard`,
  ].join('\n');
}
