/** The fixed set of accounts both sides use: the server signs them in, the baseline verifies their hashes. */
const count = Number(process.env.BENCH_USERS ?? 16);

export const BENCH_USERS: Array<{ email: string; password: string }> = Array.from(
  { length: count },
  (_, i) => ({
    email: `bench-${i}@keystone.localhost`,
    password: `a long bench passphrase, number ${i}`,
  }),
);
