-- Registered platforms and deployments, OIDC login state, used nonces, and the minimal
-- launch data Trellis keeps: course contexts, users, enrolments, resource links, sessions.
CREATE TABLE platform (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  issuer text NOT NULL,
  client_id text NOT NULL,
  name text NOT NULL,
  auth_login_url text NOT NULL,
  auth_token_url text NOT NULL,
  jwks_url text NOT NULL,
  ltijs_kid text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending', 'disabled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (issuer, client_id)
);

CREATE TABLE deployment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  deployment_id text NOT NULL CHECK (length(deployment_id) BETWEEN 1 AND 255),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform_id, deployment_id)
);

-- One row per OIDC login initiation; consumed (deleted) by the launch that answers it.
CREATE TABLE lti_login_state (
  state text PRIMARY KEY,
  platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  nonce text NOT NULL,
  target_link_uri text NOT NULL,
  -- sha256 of the browser-binding cookie set at login (null if the browser refused it)
  browser_binding text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX lti_login_state_expires_idx ON lti_login_state (expires_at);

-- Nonces seen in id_tokens, kept at least until the token could no longer be accepted.
CREATE TABLE lti_nonce (
  platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  nonce text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (platform_id, nonce)
);
CREATE INDEX lti_nonce_expires_idx ON lti_nonce (expires_at);

CREATE TABLE course_context (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  deployment_id uuid NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
  context_id text NOT NULL CHECK (length(context_id) BETWEEN 1 AND 255),
  title text,
  label text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (deployment_id, context_id)
);

-- Minimal profile: only what the platform chose to send, never more.
CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  sub text NOT NULL CHECK (length(sub) BETWEEN 1 AND 255),
  name text,
  given_name text,
  family_name text,
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform_id, sub)
);

CREATE TABLE enrolment (
  context_id uuid NOT NULL REFERENCES course_context (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  roles text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'Active' CHECK (status IN ('Active', 'Inactive', 'Deleted')),
  last_launch_at timestamptz,
  PRIMARY KEY (context_id, user_id)
);
CREATE INDEX enrolment_user_idx ON enrolment (user_id);

CREATE TABLE resource_link (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  deployment_id uuid NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
  context_id uuid REFERENCES course_context (id) ON DELETE CASCADE,
  link_id text NOT NULL CHECK (length(link_id) BETWEEN 1 AND 255),
  title text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (deployment_id, link_id)
);

-- A validated launch. The client's bearer token names this row; API scope comes from it.
CREATE TABLE launch_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  deployment_id uuid NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
  context_id uuid REFERENCES course_context (id) ON DELETE CASCADE,
  user_id uuid REFERENCES app_user (id) ON DELETE CASCADE,
  resource_link_id uuid REFERENCES resource_link (id) ON DELETE SET NULL,
  message_type text NOT NULL,
  roles text[] NOT NULL DEFAULT '{}',
  panel text NOT NULL,
  locale text NOT NULL DEFAULT 'en',
  -- role_scope_mentor: the `sub`s a mentor may see (a parent's children)
  mentee_subs text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX launch_session_expires_idx ON launch_session (expires_at);
