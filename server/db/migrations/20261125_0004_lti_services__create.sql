-- LTI Advantage services: where a course's roster and a link's grades live at the LMS
-- (from the launch's NRPS/AGS claims), roster sync state, and the durable outbox through
-- which everything Trellis sends to an LMS passes.
ALTER TABLE platform ADD COLUMN auth_server text;

ALTER TABLE course_context
  ADD COLUMN nrps_memberships_url text,
  ADD COLUMN nrps_differences_url text,
  ADD COLUMN roster_synced_at timestamptz,
  ADD COLUMN roster_sync_error text;

ALTER TABLE resource_link
  ADD COLUMN ags_lineitems_url text,
  ADD COLUMN ags_lineitem_url text,
  ADD COLUMN ags_scopes text[] NOT NULL DEFAULT '{}',
  -- While one worker creates the link's line item at the LMS, others wait instead of
  -- creating a duplicate column in the gradebook.
  ADD COLUMN ags_lineitem_lease_until timestamptz;

-- Who may open a resource link, where the LMS restricts it (NRPS with rlid).
CREATE TABLE resource_link_member (
  resource_link_id uuid NOT NULL REFERENCES resource_link (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  PRIMARY KEY (resource_link_id, user_id)
);
CREATE INDEX resource_link_member_user_idx ON resource_link_member (user_id);

-- Roster sync learns about people before they ever launch.
ALTER TABLE enrolment ADD COLUMN source text NOT NULL DEFAULT 'launch' CHECK (source IN ('launch', 'roster'));

CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('score')),
  payload jsonb NOT NULL,
  -- e.g. the resource link and user a score is about, for status lookups.
  subject_key text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- A worker's lease; if the worker dies, the row becomes due again when it lapses.
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_subject_idx ON outbox (subject_key, id);
