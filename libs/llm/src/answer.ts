import { jsonrepair } from 'jsonrepair';
import * as z from 'zod';

// The shape asked of the model. Lenient where a gap is harmless (a missing description or
// dialogue list becomes empty), strict where the structure matters (sections, scenes, panels).
const optionalText = z
  .string()
  .nullish()
  .transform((s) => s ?? undefined);

const AnswerPanelSchema = z.object({
  shot: optionalText,
  description: z
    .string()
    .nullish()
    .default('')
    .transform((s) => s ?? ''),
  characters: z
    .array(z.string())
    .nullish()
    .transform((a) => a ?? []),
  dialogue: z
    .array(z.object({ speaker: z.string().nullish(), text: z.string() }))
    .nullish()
    .transform((a) => a ?? []),
  narration: optionalText,
  anchor: optionalText,
});

const AnswerSceneSchema = z.object({
  summary: z
    .string()
    .nullish()
    .transform((s) => s ?? ''),
  location: optionalText,
  characters: z
    .array(z.string())
    .nullish()
    .transform((a) => a ?? []),
  anchor: optionalText,
  panels: z.array(AnswerPanelSchema).min(1, 'a scene needs at least one panel'),
});

const AnswerSectionSchema = z.object({
  section: z.coerce.number().int().positive(),
  scenes: z.array(AnswerSceneSchema),
});

export const AnswerSchema = z.object({ sections: z.array(AnswerSectionSchema) });
export type Answer = z.output<typeof AnswerSchema>;
export type AnswerScene = Answer['sections'][number]['scenes'][number];
export type AnswerPanel = AnswerScene['panels'][number];

export type ParsedAnswer = { ok: true; answer: Answer } | { ok: false; errors: string[] };

/** Removes a Markdown code fence around the JSON (closed or cut off) and any prose before it. */
export function stripFences(content: string): string {
  const fenced = /```[a-zA-Z]*\s*\n?([\s\S]*?)(?:```|$)/.exec(content);
  const body = (fenced ? (fenced[1] ?? '') : content).trim();
  const brace = body.indexOf('{');
  return brace > 0 ? body.slice(brace) : body;
}

/**
 * The model's answer as a checked `Answer`, or the reasons it is not one (quoted back to the
 * model in the one re-ask): fences stripped, broken or truncated JSON repaired, then the
 * shape checked, including one entry per section `1..sectionCount`.
 */
export function parseAnswer(content: string, sectionCount: number): ParsedAnswer {
  const body = stripFences(content);
  if (!body.startsWith('{')) return { ok: false, errors: ['the answer is not a JSON object'] };
  let json: unknown;
  try {
    // Valid JSON is taken as is: jsonrepair 3.15 can refuse valid JSON (a stray "{" inside a
    // string of 西游记 made it throw "Colon expected"), so it only sees what JSON.parse refuses.
    json = parseJsonOrRepair(body);
  } catch (err) {
    const why = err instanceof Error ? err.message.slice(0, 200) : String(err);
    return { ok: false, errors: [`the answer is not valid JSON, even after repair (${why})`] };
  }
  const parsed = AnswerSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map(
        (i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`,
      ),
    };
  }
  const seen = new Set(parsed.data.sections.map((s) => s.section));
  const errors: string[] = [];
  for (const s of seen)
    if (s > sectionCount) errors.push(`sections: there is no section ${s} (1..${sectionCount})`);
  for (let n = 1; n <= sectionCount; n++)
    if (!seen.has(n)) errors.push(`sections: section ${n} is missing`);
  return errors.length ? { ok: false, errors } : { ok: true, answer: parsed.data };
}

function parseJsonOrRepair(body: string): unknown {
  const valid = safeJsonParse(body);
  return valid.ok ? valid.value : JSON.parse(jsonrepair(body));
}

function safeJsonParse(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    if (err instanceof SyntaxError) return { ok: false };
    throw err;
  }
}
