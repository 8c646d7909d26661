import { type FormEvent, useId, useState } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import type { OrganizationDetails } from './types.ts';
import { classNames, useAction } from './use-action.ts';
import { useOrganizations } from './use-organizations.ts';

export type CreateOrganizationProps = {
  onCreate?: (organization: OrganizationDetails) => void;
  /** Make the new organization the active one (default true). */
  switchToCreated?: boolean;
  className?: string;
};

export const FORM_CSS = `
.ks-form{display:grid;gap:.75rem;font-family:var(--ks-font,inherit);max-width:28rem}
.ks-form label{display:grid;gap:.25rem;font-weight:500}
.ks-form input,.ks-form select{padding:.5rem;border:1px solid #d1d5db;border-radius:var(--ks-radius,6px);font:inherit}
.ks-form button,.ks-button{padding:.5rem 1rem;border:0;border-radius:var(--ks-radius,6px);background:var(--ks-primary,#4f46e5);color:#fff;font:inherit;cursor:pointer}
.ks-button--secondary{background:transparent;color:var(--ks-primary,#4f46e5);border:1px solid currentColor}
.ks-button--danger{background:var(--ks-error,#b91c1c)}
.ks-form button:disabled,.ks-button:disabled{opacity:.6;cursor:default}
`;

/** A form that creates an organization; the signed-in user becomes its owner. */
export function CreateOrganization({ onCreate, switchToCreated = true, className }: CreateOrganizationProps) {
  const { t, setActiveOrganization } = useKeystone();
  const { create } = useOrganizations({ enabled: false });
  const { run, pending, error } = useAction();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const id = useId();
  useStyles('form', FORM_CSS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const created = await run(async () => {
      const organization = await create({ name: name.trim(), ...(slug.trim() ? { slug: slug.trim() } : {}) });
      if (switchToCreated) await setActiveOrganization(organization.id);
      return organization;
    });
    if (!created) return;
    setName('');
    setSlug('');
    onCreate?.(created);
  }

  return (
    <form className={classNames('ks-form', 'ks-create-organization', className)} onSubmit={submit}>
      <label className="ks-create-organization__field" htmlFor={`${id}-name`}>
        {t('createOrganization.name', 'Organization name')}
        <input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={200}
        />
      </label>
      <label className="ks-create-organization__field" htmlFor={`${id}-slug`}>
        {t('createOrganization.slug', 'URL slug (optional)')}
        <input id={`${id}-slug`} value={slug} onChange={(e) => setSlug(e.target.value)} />
      </label>
      <ProblemMessage error={error} className="ks-create-organization__error" />
      <button type="submit" className="ks-create-organization__submit" disabled={pending || !name.trim()}>
        {pending
          ? t('createOrganization.creating', 'Creating…')
          : t('createOrganization.submit', 'Create organization')}
      </button>
    </form>
  );
}
