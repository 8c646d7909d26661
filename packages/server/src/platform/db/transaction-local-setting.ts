/**
 * `SELECT set_config('keystone.…', $1, true)`, possibly several in one SELECT: how
 * withTenant and the RLS doors bind a transaction. Nobody reads its result and it
 * only matters to the statements after it, so both database drivers send it
 * together with what follows instead of on a round trip of its own.
 */
export const TRANSACTION_LOCAL_SETTING =
  /^\s*SELECT\s+set_config\('keystone\.[a-z_]+', \$\d+, true\)(\s*,\s*set_config\('keystone\.[a-z_]+', \$\d+, true\))*\s*$/;
