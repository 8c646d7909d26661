-- The development outbox (platform/mail): without SMTP_URL, mail is kept here
-- and shown at /dev/outbox instead of being sent. Instance-level: no tenant.
CREATE TABLE mail_outbox (
  id text PRIMARY KEY,
  from_address text NOT NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX mail_outbox_recent ON mail_outbox (created_at DESC);
