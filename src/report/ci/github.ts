// Workflow commands as @actions/core writes them (toolkit packages/core/src/command.ts): data escapes
// %, CR and LF; property values also escape `:` and `,`, which would otherwise end the value.

export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** `::name key=value,key=value::message` */
export function workflowCommand(
  name: string,
  properties: Record<string, string | undefined>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

export const group = (title: string): string => `::group::${escapeData(title)}`;
export const endGroup = (): string => '::endgroup::';
