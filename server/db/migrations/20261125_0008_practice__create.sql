-- Practice: skill graphs, teacher-authored items, served items, attempts and mastery.

-- A versioned skill graph. The built-in K-8 bank has platform_id NULL; imported graphs
-- belong to one platform. A new version is a new row; skills hang off their version.
CREATE TABLE skill_set (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
  version integer NOT NULL CHECK (version > 0),
  title text NOT NULL,
  platform_id uuid REFERENCES platform (id) ON DELETE CASCADE,
  source text NOT NULL CHECK (source IN ('builtin', 'file', 'case')),
  content_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX skill_set_version_idx ON skill_set (key, version, coalesce(platform_id, '00000000-0000-0000-0000-000000000000'::uuid));

CREATE TABLE skill (
  skill_set_id uuid NOT NULL REFERENCES skill_set (id) ON DELETE CASCADE,
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 100),
  standard text NOT NULL,
  grade integer NOT NULL,
  domain text NOT NULL,
  name jsonb NOT NULL,
  prerequisites text[] NOT NULL DEFAULT '{}',
  position integer NOT NULL,
  PRIMARY KEY (skill_set_id, code)
);
CREATE INDEX skill_standard_idx ON skill (standard);

-- BKT parameters per skill. Every fit is a new version; estimates name the version they
-- were computed with, and the transparency page shows the history.
CREATE TABLE skill_model (
  skill_code text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  p_init double precision NOT NULL CHECK (p_init > 0 AND p_init < 1),
  p_learn double precision NOT NULL CHECK (p_learn > 0 AND p_learn < 1),
  p_guess double precision NOT NULL CHECK (p_guess > 0 AND p_guess < 0.3),
  p_slip double precision NOT NULL CHECK (p_slip > 0 AND p_slip < 0.3),
  p_forget double precision NOT NULL DEFAULT 0 CHECK (p_forget >= 0 AND p_forget < 1),
  method text NOT NULL CHECK (method IN ('default', 'em')),
  attempts_used integer NOT NULL DEFAULT 0,
  students_used integer NOT NULL DEFAULT 0,
  log_likelihood double precision,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (skill_code, version)
);

-- Items written by teachers (QTI or CSV imports), owned by one platform and, when
-- imported from a course, that course.
CREATE TABLE item_import (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  context_id uuid REFERENCES course_context (id) ON DELETE CASCADE,
  format text NOT NULL CHECK (format IN ('qti3', 'qti21', 'csv')),
  filename text,
  item_count integer NOT NULL,
  created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE authored_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  context_id uuid REFERENCES course_context (id) ON DELETE CASCADE,
  import_id uuid NOT NULL REFERENCES item_import (id) ON DELETE CASCADE,
  external_id text NOT NULL,
  skill_code text NOT NULL,
  content jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX authored_item_external_idx
  ON authored_item (platform_id, coalesce(context_id, '00000000-0000-0000-0000-000000000000'::uuid), external_id);
CREATE INDEX authored_item_skill_idx ON authored_item (platform_id, skill_code);

-- One row per practice session (a launch of the practice panel). Kept after the launch
-- session itself is swept, as activity data.
CREATE TABLE practice_session (
  id uuid PRIMARY KEY,
  platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  context_id uuid NOT NULL REFERENCES course_context (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  assignment_id uuid REFERENCES assignment (id) ON DELETE SET NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  last_activity_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX practice_session_user_idx ON practice_session (context_id, user_id);

-- An item shown to a student: a template + seed (generated) or an authored item, with the
-- selector's explanation. Attempts must name a served item of the same student and scope.
CREATE TABLE served_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  context_id uuid NOT NULL REFERENCES course_context (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  assignment_id uuid REFERENCES assignment (id) ON DELETE CASCADE,
  resource_link_id uuid REFERENCES resource_link (id) ON DELETE SET NULL,
  session_id uuid REFERENCES practice_session (id) ON DELETE SET NULL,
  skill_code text NOT NULL,
  template_key text,
  seed integer,
  authored_item_id uuid REFERENCES authored_item (id) ON DELETE CASCADE,
  locale text NOT NULL,
  hints_shown integer NOT NULL DEFAULT 0,
  explanation jsonb NOT NULL,
  served_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz,
  CHECK ((template_key IS NOT NULL AND seed IS NOT NULL) <> (authored_item_id IS NOT NULL))
);
-- The open (unanswered) item per student and assignment, and recent history.
CREATE INDEX served_item_open_idx ON served_item (context_id, user_id, assignment_id) WHERE answered_at IS NULL;
CREATE INDEX served_item_history_idx ON served_item (context_id, user_id, served_at DESC);

CREATE TABLE attempt (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  served_item_id uuid NOT NULL UNIQUE REFERENCES served_item (id) ON DELETE CASCADE,
  platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  context_id uuid NOT NULL REFERENCES course_context (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  assignment_id uuid REFERENCES assignment (id) ON DELETE CASCADE,
  session_id uuid REFERENCES practice_session (id) ON DELETE SET NULL,
  skill_code text NOT NULL,
  idempotency_key uuid NOT NULL,
  answer text NOT NULL,
  correct boolean NOT NULL,
  feedback text NOT NULL,
  hints_used integer NOT NULL,
  time_on_task_ms integer NOT NULL CHECK (time_on_task_ms >= 0),
  p_known_before double precision NOT NULL,
  p_known_after double precision NOT NULL,
  model_version integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, idempotency_key)
);
CREATE INDEX attempt_student_skill_idx ON attempt (context_id, user_id, skill_code, created_at);
CREATE INDEX attempt_skill_idx ON attempt (skill_code, created_at);

-- The running BKT estimate per student, course and skill: updated on every attempt, so
-- reading mastery never replays history.
CREATE TABLE mastery_estimate (
  context_id uuid NOT NULL REFERENCES course_context (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  skill_code text NOT NULL,
  p_known double precision NOT NULL CHECK (p_known >= 0 AND p_known <= 1),
  evidence_count integer NOT NULL DEFAULT 0,
  correct_count integer NOT NULL DEFAULT 0,
  model_version integer NOT NULL,
  mastered_at timestamptz,
  -- Spaced review: how many reviews since mastery (the interval grows with each).
  review_count integer NOT NULL DEFAULT 0,
  last_practiced_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (context_id, user_id, skill_code)
);

-- Per student and assignment: counts and the last score put in the outbox (to send a
-- score only when it changes and to show whether it reached the LMS).
CREATE TABLE assignment_progress (
  assignment_id uuid NOT NULL REFERENCES assignment (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  context_id uuid NOT NULL REFERENCES course_context (id) ON DELETE CASCADE,
  items_answered integer NOT NULL DEFAULT 0,
  items_correct integer NOT NULL DEFAULT 0,
  score_given double precision,
  score_maximum double precision,
  score_outbox_id bigint,
  completed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assignment_id, user_id)
);
