import { useId, useState } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import { CreateOrganization } from './create-organization.tsx';
import { useTenant } from './tenant-provider.tsx';
import type { Organization } from './types.ts';
import { classNames, useAction } from './use-action.ts';

export type OrganizationSwitcherProps = {
  onSwitch?: (organization: Organization) => void;
  showCreateButton?: boolean;
  className?: string;
};

const CSS = `
.ks-organization-switcher{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;font-family:var(--ks-font,inherit)}
.ks-organization-switcher__select{padding:.4rem;border:1px solid #d1d5db;border-radius:var(--ks-radius,6px);font:inherit}
.ks-organization-switcher__create{width:100%}
`;

/** A dropdown of the user's organizations; choosing one makes it active and every hook reloads for it. */
export function OrganizationSwitcher({
  onSwitch,
  showCreateButton = false,
  className,
}: OrganizationSwitcherProps) {
  const { t } = useKeystone();
  const { currentOrganization, organizations, switchOrganization, isLoading, error } = useTenant();
  const { run, pending, error: switchError } = useAction();
  const [creating, setCreating] = useState(false);
  const id = useId();
  useStyles('organization-switcher', CSS);

  async function choose(orgId: string) {
    const organization = organizations.find((candidate) => candidate.id === orgId);
    if (!organization) return;
    const done = await run(async () => {
      await switchOrganization(orgId);
      return true;
    });
    if (done) onSwitch?.(organization);
  }

  return (
    <div className={classNames('ks-organization-switcher', className)}>
      <label className="ks-organization-switcher__label" htmlFor={id}>
        {t('organizationSwitcher.label', 'Organization')}
      </label>
      <select
        id={id}
        className="ks-organization-switcher__select"
        value={currentOrganization?.id ?? ''}
        disabled={pending || (isLoading && organizations.length === 0)}
        onChange={(event) => choose(event.target.value)}
      >
        <option value="" disabled>
          {isLoading && organizations.length === 0
            ? t('organizationSwitcher.loading', 'Loading…')
            : t('organizationSwitcher.none', 'Choose an organization')}
        </option>
        {organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </select>
      {showCreateButton && (
        <button
          type="button"
          className="ks-button ks-button--secondary ks-organization-switcher__create-button"
          aria-expanded={creating}
          onClick={() => setCreating((open) => !open)}
        >
          {t('organizationSwitcher.create', 'New organization')}
        </button>
      )}
      <ProblemMessage error={switchError ?? error} className="ks-organization-switcher__error" />
      {creating && (
        <CreateOrganization
          className="ks-organization-switcher__create"
          onCreate={(organization) => {
            setCreating(false);
            onSwitch?.({
              ...organization,
              role: organization.role ?? 'owner',
              joined_at: organization.created_at,
            });
          }}
        />
      )}
    </div>
  );
}
