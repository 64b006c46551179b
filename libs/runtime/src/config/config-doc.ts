import * as z from 'zod';

/** One environment variable as `--help` and the README show it. */
export interface ConfigDocRow {
  name: string;
  /** Allowed values, range and default. */
  values: string;
  /** What it does (the schema's `.describe()`), and when it is required. */
  meaning: string;
  /** Names a deployed resource (set by the stack, not by hand). */
  resource: boolean;
  /** The allowed values, when they are a list. */
  choices: readonly string[];
}

interface JsonProperty {
  description?: string;
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  type?: string;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: string;
  resource?: boolean;
}
interface JsonObject {
  properties?: Record<string, JsonProperty>;
  required?: string[];
}
interface JsonUnion {
  discriminator: string;
  options: JsonObject[];
}

/** The object options of each discriminated union in the (intersection of unions) schema. */
function unions(schema: z.ZodType): JsonUnion[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    allOf?: { oneOf?: JsonObject[] }[];
    oneOf?: JsonObject[];
  };
  const groups = json.allOf ?? [json];
  return groups.map((group) => {
    const options = group.oneOf ?? [group as JsonObject];
    const first = Object.entries(options[0]?.properties ?? {}).find(
      ([, p]) => p.const !== undefined,
    );
    return { discriminator: first?.[0] ?? '', options };
  });
}

function valuesOf(p: JsonProperty, choices: unknown[]): string {
  const dflt = p.default === undefined ? '' : ` (default ${String(p.default)})`;
  if (choices.length > 0) {
    return choices.map((c) => (c === p.default ? `${String(c)} (default)` : String(c))).join(' | ');
  }
  if (p.type === 'integer' || p.type === 'number') {
    return `${p.minimum ?? ''}–${p.maximum ?? ''}${dflt}`;
  }
  if (p.format === 'uri') return `URL${dflt}`;
  if (p.pattern?.startsWith('^arn:')) return `ARN${dflt}`;
  return `string${dflt}`;
}

/**
 * The documentation of every variable `schema` reads, derived from it: choices, ranges and
 * defaults from the validators, meanings from `.describe()`, "required with …" from the
 * union options that require it. Order: each union's discriminator, then the settings only
 * some options have, then the rest.
 */
export function describeConfig(schema: z.ZodType): ConfigDocRow[] {
  const rows: ConfigDocRow[] = [];
  const later: ConfigDocRow[] = [];
  for (const { discriminator, options } of unions(schema)) {
    const names = [...new Set(options.flatMap((o) => Object.keys(o.properties ?? {})))];
    for (const name of names) {
      const having = options.filter((o) => o.properties?.[name]);
      const p =
        having.find((o) => o.properties?.[name]?.description)?.properties?.[name] ??
        having[0]?.properties?.[name] ??
        {};
      const isDiscriminator = name === discriminator;
      const choices = isDiscriminator
        ? options.map((o) => o.properties?.[name]?.const)
        : (p.enum ?? []);
      const defaultChoice = isDiscriminator
        ? options.map((o) => o.properties?.[name]?.default).find((d) => d !== undefined)
        : p.default;
      const labelOf = (o: JsonObject) =>
        `${discriminator}=${String(o.properties?.[discriminator]?.const)}`;
      const requiredIn = having.filter((o) => o.required?.includes(name));
      const partial = having.length < options.length;
      const when = partial
        ? `; ${requiredIn.length ? 'required' : 'read'} with ${having.map(labelOf).join(', ')}`
        : '';
      const row: ConfigDocRow = {
        name,
        values: valuesOf({ ...p, default: defaultChoice }, choices),
        meaning: `${p.description ?? ''}${isDiscriminator ? '' : when}`,
        resource: p.resource === true,
        choices: choices.map(String),
      };
      (isDiscriminator || partial ? rows : later).push(row);
    }
  }
  const seen = new Set<string>();
  return [...rows, ...later].filter((r) => !seen.has(r.name) && seen.add(r.name));
}

/** The schema of one setting, wherever in the unions it is declared. A union's discriminator
 * (one literal per option) becomes the enum of all its values, with the default one option
 * gives it. */
export function settingSchema(schema: z.ZodType, name: string): z.ZodType {
  const found: z.ZodType[] = [];
  const walk = (s: z.ZodType): void => {
    if (s instanceof z.ZodObject) {
      const field = (s.shape as Record<string, z.ZodType | undefined>)[name];
      if (field) found.push(field);
    } else if (s instanceof z.ZodIntersection) {
      walk(s.def.left as z.ZodType);
      walk(s.def.right as z.ZodType);
    } else if (s instanceof z.ZodUnion) {
      for (const option of s.options as z.ZodType[]) walk(option);
    }
  };
  walk(schema);
  const first = found[0];
  if (!first) throw new Error(`No setting named ${name} in the config schema.`);
  const literal = (s: z.ZodType) =>
    s instanceof z.ZodDefault ? (s.def.innerType as z.ZodType) : s;
  if (found.length > 1 && found.every((s) => literal(s) instanceof z.ZodLiteral)) {
    const values = found.flatMap((s) => [...(literal(s) as z.ZodLiteral<string>).values]);
    const withDefault = found.find((s) => s instanceof z.ZodDefault) as z.ZodDefault | undefined;
    const choices = z.enum(values as [string, ...string[]], {
      message: `must be one of ${values.join(', ')}`,
    });
    return withDefault ? choices.default(withDefault.def.defaultValue as string) : choices;
  }
  return first;
}

/** The README's configuration table sits between these markers. */
export const CONFIG_TABLE_START = '<!-- config-table:start (generated: npm run docs:config) -->';
export const CONFIG_TABLE_END = '<!-- config-table:end -->';

/** The variables as a Markdown table (the README's configuration section). */
export function renderConfigMarkdown(rows: readonly ConfigDocRow[]): string {
  const values = (r: ConfigDocRow) =>
    r.choices.length
      ? r.values
          .split(' | ')
          .map((v) => v.replace(/^(\S+)/, '`$1`'))
          .join(' \\| ')
      : r.values;
  return [
    '| variable | values | meaning |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| \`${r.name}\` | ${values(r)} | ${r.meaning.replace(/\|/g, '\\|')} |`),
  ].join('\n');
}
