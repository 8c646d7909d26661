import type { RateLimitDecision } from './gcra.ts';

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers,
 * structured-field form of drafts 08+):
 *   RateLimit-Policy: "ip";q=600;w=60
 *   RateLimit: "ip";r=42;t=18
 * q is the quota per window w (seconds), r the remaining quota, t the seconds
 * until the quota is fully restored. Policy names are plain tokens, so no
 * sf-string escaping is needed.
 */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const { policy } = decision;
  return {
    'ratelimit-policy': `"${policy.name}";q=${policy.limit};w=${policy.windowSeconds}`,
    ratelimit: `"${policy.name}";r=${decision.remaining};t=${decision.resetSeconds}`,
  };
}

/**
 * Whether `candidate` should replace `shown` as the decision advertised to the
 * client: the most restrictive layer wins (fewest requests left, then longest wait).
 */
export function moreRestrictive(candidate: RateLimitDecision, shown: RateLimitDecision | undefined): boolean {
  if (!shown) return true;
  if (candidate.remaining !== shown.remaining) return candidate.remaining < shown.remaining;
  return candidate.resetSeconds > shown.resetSeconds;
}
