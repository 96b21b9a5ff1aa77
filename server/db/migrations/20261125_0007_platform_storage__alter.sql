-- Cookie-free launches (1EdTech "OIDC login with LTI Client Side postMessages"): a login
-- can keep its state in the LMS's platform storage instead of a cookie. The login row
-- remembers that (and the frame it used); a launch answered that way records the launch
-- but hands over its launch token only after the browser proves, from that storage, that
-- it started the login, by posting a one-time confirmation code.
ALTER TABLE lti_login_state ADD COLUMN storage_target text;

CREATE TABLE launch_confirmation (
  -- sha256 of the one-time code given to the interstitial page; the code itself is never stored
  code_hash text PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES launch_session (id) ON DELETE CASCADE,
  -- sha256 of the launch's state: the value the browser must read back from platform storage
  state_hash text NOT NULL,
  assignment_id uuid REFERENCES assignment (id) ON DELETE SET NULL,
  -- the display-only session view the panel boots with (what presentSession returned)
  session_view jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX launch_confirmation_expires_idx ON launch_confirmation (expires_at);
