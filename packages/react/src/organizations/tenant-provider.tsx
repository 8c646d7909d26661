import { createContext, type ReactNode, useContext } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import type { Organization } from './types.ts';
import { useOrganizations } from './use-organizations.ts';

export type TenantValue = {
  /** The active organization (the session's), or null when none is active. */
  currentOrganization: Organization | null;
  organizations: Organization[];
  /** Makes another organization active; every hook then reloads for it. */
  switchOrganization(orgId: string | null): Promise<void>;
  isLoading: boolean;
  error: unknown;
};

const TenantContext = createContext<TenantValue | null>(null);

function useTenantValue(enabled: boolean): TenantValue {
  const { session, setActiveOrganization } = useKeystone();
  const { organizations, isLoading, error } = useOrganizations({ enabled });
  const id = session.activeOrganizationId;
  return {
    currentOrganization: organizations.find((organization) => organization.id === id) ?? null,
    organizations,
    switchOrganization: setActiveOrganization,
    isLoading,
    error,
  };
}

/** Shares one list of the user's organizations (and the active one) with everything below it. */
export function TenantProvider({ children }: { children: ReactNode }) {
  const value = useTenantValue(true);
  return <TenantContext.Provider value={value}>{children}</TenantContext.Provider>;
}

/** The current organization context; works without a TenantProvider too (it then loads its own list). */
export function useTenant(): TenantValue {
  const shared = useContext(TenantContext);
  // Hooks cannot be called conditionally: this one always runs, and loads nothing under a TenantProvider.
  const own = useTenantValue(shared === null);
  return shared ?? own;
}
