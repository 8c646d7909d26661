import { useState } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import { classNames, useAction } from '../organizations/use-action.ts';
import { knownPermissions, PermissionChecklist } from './permission-checklist.tsx';
import { type Role, useRoles } from './use-roles.ts';

export type PermissionEditorProps = {
  /** The key of the custom role whose permissions are edited. */
  roleKey: string;
  orgId?: string;
  /** Permissions to offer (default: the built-in ones and every one the organization's roles name). */
  availablePermissions?: string[];
  onSave?: (role: Role) => void;
  readOnly?: boolean;
  className?: string;
};

export const PERMISSION_EDITOR_CSS = `
.ks-permission-editor{font-family:var(--ks-font,inherit);display:grid;gap:.5rem}
.ks-permission-editor__permissions{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.25rem;border:1px solid #e5e7eb;border-radius:var(--ks-radius,6px);padding:.75rem}
.ks-permission-editor__save{justify-self:start}
`;

/** Checkboxes for a role's permissions, saved together (needs roles:manage; built-in roles are read-only). */
export function PermissionEditor({
  roleKey,
  orgId,
  availablePermissions,
  onSave,
  readOnly = false,
  className,
}: PermissionEditorProps) {
  const { t } = useKeystone();
  const { roles, isLoading, error, assignPermissions } = useRoles(orgId);
  const { run, pending, error: saveError } = useAction();
  const role = roles.find((candidate) => candidate.key === roleKey);
  // The checkboxes start from the role as loaded, and again whenever it changes on the server.
  const loaded = role ? role.permissions.join(' ') : null;
  const [draft, setDraft] = useState<{ from: string | null; value: string[] }>({ from: null, value: [] });
  const value = draft.from === loaded ? draft.value : (role?.permissions ?? []);
  const setValue = (next: string[]) => setDraft({ from: loaded, value: next });
  useStyles('permission-editor', PERMISSION_EDITOR_CSS);

  if (!role) {
    if (error) return <ProblemMessage error={error} className="ks-permission-editor__error" />;
    return isLoading ? (
      <p className="ks-permission-editor__loading">{t('permissionEditor.loading', 'Loading…')}</p>
    ) : null;
  }
  const locked = readOnly || role.built_in;

  async function save() {
    const saved = await run(() => assignPermissions(roleKey, value));
    if (saved) onSave?.(saved);
  }

  return (
    <div className={classNames('ks-permission-editor', className)}>
      <PermissionChecklist
        legend={t('permissionEditor.legend', 'Permissions of {role}', { role: role.name })}
        available={availablePermissions ?? knownPermissions(roles)}
        value={value}
        onChange={setValue}
        disabled={locked || pending}
      />
      <ProblemMessage error={saveError} className="ks-permission-editor__error" />
      {!locked && (
        <button
          type="button"
          className="ks-button ks-permission-editor__save"
          disabled={pending}
          onClick={save}
        >
          {t('permissionEditor.save', 'Save permissions of {role}', { role: role.name })}
        </button>
      )}
    </div>
  );
}
