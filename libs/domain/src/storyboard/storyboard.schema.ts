import * as z from 'zod';

/** Offsets are UTF-16 code-unit offsets into the normalized novel text; `end` is exclusive. */
export const SpanSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((s) => s.end >= s.start, { message: 'span end must not precede start' });
export type Span = z.infer<typeof SpanSchema>;

export const SHOT_TYPES = [
  'establishing',
  'wide',
  'medium',
  'close-up',
  'extreme-close-up',
  'over-the-shoulder',
  'insert',
] as const;
export const ShotSchema = z.enum(SHOT_TYPES);
export type Shot = z.infer<typeof ShotSchema>;

export const LanguageSchema = z.enum(['en', 'zh', 'other']);
export type Language = z.infer<typeof LanguageSchema>;

export const DialogueLineSchema = z.object({
  /** A character id, or null when the text does not say who speaks. */
  speaker: z.string().min(1).nullable(),
  text: z.string().min(1),
});
export type DialogueLine = z.infer<typeof DialogueLineSchema>;

export const PanelSchema = z.object({
  index: z.number().int().positive(),
  shot: ShotSchema,
  description: z.string(),
  characters: z.array(z.string().min(1)),
  dialogue: z.array(DialogueLineSchema),
  narration: z.string().optional(),
  span: SpanSchema,
});
export type Panel = z.infer<typeof PanelSchema>;

export const SceneSchema = z.object({
  index: z.number().int().positive(),
  summary: z.string(),
  location: z.string().optional(),
  characters: z.array(z.string().min(1)),
  span: SpanSchema,
  panels: z.array(PanelSchema),
});
export type Scene = z.infer<typeof SceneSchema>;

export const ChapterSchema = z.object({
  index: z.number().int().positive(),
  title: z.string(),
  span: SpanSchema,
  scenes: z.array(SceneSchema),
});
export type Chapter = z.infer<typeof ChapterSchema>;

export const CharacterSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  mentions: z.number().int().nonnegative(),
  firstChapter: z.number().int().positive().nullable(),
});
export type Character = z.infer<typeof CharacterSchema>;

export const NovelInfoSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  language: LanguageSchema,
  encoding: z.string().min(1),
  length: z.number().int().nonnegative(),
});
export type NovelInfo = z.infer<typeof NovelInfoSchema>;

/** Tokens an LLM generator spent (summed over chunks) and, when its price is known to the
 * generator, an estimate of what they cost in USD. Absent for generators that spend none. */
export const UsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  estimatedCostUsd: z.number().nonnegative().optional(),
});
export type Usage = z.infer<typeof UsageSchema>;

export const StoryboardStatsSchema = z.object({
  chapters: z.number().int().nonnegative(),
  scenes: z.number().int().nonnegative(),
  panels: z.number().int().nonnegative(),
  dialogueLines: z.number().int().nonnegative(),
  generator: z.string().min(1),
  durationMs: z.number().nonnegative(),
  /** Optional, so schema v1 storyboards without it stay valid. */
  usage: UsageSchema.optional(),
});
export type StoryboardStats = z.infer<typeof StoryboardStatsSchema>;

/** Storyboard JSON, schema version 1 (ARCHITECTURE.md "Storyboard JSON"). */
export const StoryboardSchema = z.object({
  schemaVersion: z.literal(1),
  novel: NovelInfoSchema,
  /** Most-mentioned first. */
  characters: z.array(CharacterSchema),
  chapters: z.array(ChapterSchema),
  stats: StoryboardStatsSchema,
});
export type Storyboard = z.infer<typeof StoryboardSchema>;
