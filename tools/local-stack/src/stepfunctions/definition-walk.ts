/** Reading an Amazon States Language definition: the states at every nesting level. */

export interface AslStateLike {
  Type?: string;
  Resource?: unknown;
  Retry?: unknown;
  ItemProcessor?: { States?: Record<string, AslStateLike> };
  Iterator?: { States?: Record<string, AslStateLike> };
  Branches?: { States?: Record<string, AslStateLike> }[];
}

export interface AslDefinitionLike {
  States?: Record<string, AslStateLike>;
}

/** Every state of the definition, nested Map and Parallel states included, with its name. */
export function allStates(definition: AslDefinitionLike): [string, AslStateLike][] {
  const found: [string, AslStateLike][] = [];
  const visit = (states: Record<string, AslStateLike> | undefined): void => {
    for (const [name, state] of Object.entries(states ?? {})) {
      found.push([name, state]);
      visit(state.ItemProcessor?.States);
      visit(state.Iterator?.States);
      for (const branch of state.Branches ?? []) visit(branch.States);
    }
  };
  visit(definition.States);
  return found;
}

/**
 * Task state name → its Resource. aws-local-stepfunctions overrides tasks by state *name*,
 * so two Task states with one name and different resources cannot be told apart: refused.
 */
export function taskResources(definition: AslDefinitionLike): Map<string, string> {
  const resources = new Map<string, string>();
  for (const [name, state] of allStates(definition)) {
    if (state.Type !== 'Task' || typeof state.Resource !== 'string') continue;
    const known = resources.get(name);
    if (known !== undefined && known !== state.Resource) {
      throw new Error(`Two Task states are named ${name} with different resources.`);
    }
    resources.set(name, state.Resource);
  }
  return resources;
}

/** Names of the states that have a Retry field. */
export function retryingStates(definition: AslDefinitionLike): string[] {
  return allStates(definition)
    .filter(([, state]) => Array.isArray(state.Retry))
    .map(([name]) => name);
}
