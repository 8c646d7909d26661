import { useInsertionEffect } from 'react';

const injected = new Set<string>();

/**
 * Adds a component's stylesheet to the document once (by id). Styles use the
 * provider's CSS variables (--ks-primary, --ks-error, --ks-font, --ks-radius) and
 * `ks-` class names, so a customer restyles with the theme or with plain CSS.
 */
export function useStyles(id: string, css: string): void {
  useInsertionEffect(() => {
    if (injected.has(id) || typeof document === 'undefined') return;
    injected.add(id);
    const style = document.createElement('style');
    style.dataset.keystone = id;
    style.textContent = css;
    document.head.append(style);
  }, [id, css]);
}
