-- An instance API key may be bound to one flag environment (flags/evaluation): the environment its
-- flag evaluations (OFREP, SSE, remote evaluation) answer for. Publishable keys with flags:evaluate
-- must name one; the service checks it names an environment that exists when the key is made.
ALTER TABLE api_keys ADD COLUMN flags_environment text;
