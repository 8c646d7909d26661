-- Reading an audit chain by actor, by action (exact or a `noun.` family, LIKE
-- 'noun.%') and by time, newest or oldest first (GET .../audit-log filters).
-- text_pattern_ops lets a LIKE prefix use the index whatever the collation.
CREATE INDEX audit_log_by_actor ON audit_log (org_id, actor_id, seq);
CREATE INDEX audit_log_by_action ON audit_log (org_id, action text_pattern_ops, seq);
CREATE INDEX audit_log_by_time ON audit_log (org_id, occurred_at);
