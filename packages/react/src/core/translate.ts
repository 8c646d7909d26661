import type { Translate } from './keystone-context.ts';

/**
 * The provider's `t`: the customer's string for a key if they gave one, else the
 * English default, with `{name}` placeholders filled in.
 */
export function createTranslate(localization: Record<string, string> = {}): Translate {
  return (key, english, values) => {
    const template = localization[key] ?? english;
    if (!values) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      values[name] === undefined ? match : String(values[name]),
    );
  };
}
