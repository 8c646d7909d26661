import { type FormEvent, useId, useState } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import { FORM_CSS } from '../organizations/create-organization.tsx';
import { classNames, useAction } from '../organizations/use-action.ts';
import { knownPermissions, PermissionChecklist } from './permission-checklist.tsx';
import { PERMISSION_EDITOR_CSS, PermissionEditor } from './permission-editor.tsx';
import { type Role, useRoles } from './use-roles.ts';

export type RoleManagerProps = {
  onRoleCreate?: (role: Role) => void;
  onRoleUpdate?: (role: Role) => void;
  onRoleDelete?: (roleId: string) => void;
  /** Only list the roles and their permissions. */
  readOnly?: boolean;
  orgId?: string;
  className?: string;
};

const CSS = `
.ks-role-manager{font-family:var(--ks-font,inherit);display:grid;gap:1rem}
.ks-role-manager__list{list-style:none;margin:0;padding:0}
.ks-role-manager__role{display:grid;gap:.5rem;padding:.75rem 0;border-bottom:1px solid #e5e7eb}
.ks-role-manager__heading{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}
.ks-role-manager__name{font-weight:600;flex:1}
.ks-role-manager__badge,.ks-role-manager__permissions{color:#6b7280;font-size:.875em}
`;

/** The organization's roles: built-in ones to read, custom ones to create, edit and delete (roles:manage). */
export function RoleManager({
  onRoleCreate,
  onRoleUpdate,
  onRoleDelete,
  readOnly = false,
  orgId,
  className,
}: RoleManagerProps) {
  const { t } = useKeystone();
  const { roles, isLoading, error, createRole, deleteRole } = useRoles(orgId);
  const { run, pending, error: actionError } = useAction();
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState({ key: '', name: '', description: '', permissions: [] as string[] });
  const id = useId();
  useStyles('form', FORM_CSS);
  useStyles('permission-editor', PERMISSION_EDITOR_CSS);
  useStyles('role-manager', CSS);

  if (error)
    return <ProblemMessage error={error} className={classNames('ks-role-manager__error', className)} />;
  if (isLoading && roles.length === 0) {
    return <p className="ks-role-manager__loading">{t('roleManager.loading', 'Loading roles…')}</p>;
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    const created = await run(() =>
      createRole({
        key: draft.key.trim(),
        name: draft.name.trim(),
        permissions: draft.permissions,
        ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
      }),
    );
    if (!created) return;
    setDraft({ key: '', name: '', description: '', permissions: [] });
    onRoleCreate?.(created);
  }

  async function remove(key: string) {
    const done = await run(async () => {
      await deleteRole(key);
      return true;
    });
    if (done) onRoleDelete?.(key);
  }

  return (
    <div className={classNames('ks-role-manager', className)}>
      <ProblemMessage error={actionError} className="ks-role-manager__error" />
      <ul className="ks-role-manager__list" aria-label={t('roleManager.label', 'Roles')}>
        {roles.map((role) => (
          <li key={role.key} className="ks-role-manager__role">
            <div className="ks-role-manager__heading">
              <span className="ks-role-manager__name">{role.name}</span>
              {role.built_in && (
                <span className="ks-role-manager__badge">{t('roleManager.builtIn', 'Built-in')}</span>
              )}
              <span className="ks-role-manager__permissions">
                {t('roleManager.count', '{count} permissions', { count: role.permissions.length })}
              </span>
              {!readOnly && !role.built_in && (
                <>
                  <button
                    type="button"
                    className="ks-button ks-button--secondary ks-role-manager__edit"
                    aria-expanded={editing === role.key}
                    onClick={() => setEditing(editing === role.key ? null : role.key)}
                  >
                    {t('roleManager.edit', 'Edit permissions of {role}', { role: role.name })}
                  </button>
                  <button
                    type="button"
                    className="ks-button ks-button--danger ks-role-manager__delete"
                    disabled={pending}
                    onClick={() => remove(role.key)}
                  >
                    {t('roleManager.delete', 'Delete role {role}', { role: role.name })}
                  </button>
                </>
              )}
            </div>
            {editing === role.key && (
              <PermissionEditor
                roleKey={role.key}
                {...(orgId ? { orgId } : {})}
                onSave={(saved) => {
                  setEditing(null);
                  onRoleUpdate?.(saved);
                }}
              />
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <form className="ks-form ks-role-manager__create" onSubmit={create} aria-labelledby={`${id}-title`}>
          <h3 id={`${id}-title`} className="ks-role-manager__create-title">
            {t('roleManager.createTitle', 'New role')}
          </h3>
          <label htmlFor={`${id}-key`}>
            {t('roleManager.key', 'Key (e.g. project-lead)')}
            <input
              id={`${id}-key`}
              value={draft.key}
              onChange={(e) => setDraft({ ...draft, key: e.target.value })}
              required
            />
          </label>
          <label htmlFor={`${id}-name`}>
            {t('roleManager.name', 'Name')}
            <input
              id={`${id}-name`}
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              required
            />
          </label>
          <label htmlFor={`${id}-description`}>
            {t('roleManager.description', 'Description (optional)')}
            <input
              id={`${id}-description`}
              value={draft.description}
              onChange={(e) => setDraft({ ...draft, description: e.target.value })}
            />
          </label>
          <PermissionChecklist
            legend={t('roleManager.permissions', 'Permissions of the new role')}
            available={knownPermissions(roles)}
            value={draft.permissions}
            onChange={(permissions) => setDraft({ ...draft, permissions })}
          />
          <button type="submit" className="ks-role-manager__submit" disabled={pending}>
            {t('roleManager.create', 'Create role')}
          </button>
        </form>
      )}
    </div>
  );
}
