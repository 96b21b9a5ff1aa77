-- Insights: teacher notes, early-warning overrides, saved groups, LMS gradebook results
-- as last read, course rollups for district views, and an audit trail of who looked at
-- or exported student-level data.

CREATE TABLE audit_event (
  id bigserial PRIMARY KEY,
  platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  actor_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
  actor_roles text[] NOT NULL DEFAULT '{}',
  action text NOT NULL,
  context_id uuid REFERENCES course_context (id) ON DELETE CASCADE,
  subject_user_id uuid REFERENCES app_user (id) ON DELETE CASCADE,
  detail jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_event_platform_idx ON audit_event (platform_id, created_at DESC);
CREATE INDEX audit_event_subject_idx ON audit_event (subject_user_id);

-- Early-warning features read each student's newest answers in a course.
CREATE INDEX attempt_student_recent_idx ON attempt (context_id, user_id, created_at DESC, id DESC);

CREATE TABLE teacher_note (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  context_id uuid NOT NULL REFERENCES course_context (id) ON DELETE CASCADE,
  student_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  author_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX teacher_note_student_idx ON teacher_note (context_id, student_id, created_at DESC);

-- A teacher's judgement beside the early-warning model: dismiss a flag (kept hidden for
-- the same reasons until there is evidence newer than evidence_until) or flag a student
-- the model did not. History is kept; the newest row per student applies.
CREATE TABLE flag_override (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  context_id uuid NOT NULL REFERENCES course_context (id) ON DELETE CASCADE,
  student_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  action text NOT NULL CHECK (action IN ('dismiss', 'flag')),
  reasons text[] NOT NULL DEFAULT '{}',
  note text NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
  evidence_until timestamptz,
  model_version integer NOT NULL,
  author_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX flag_override_student_idx ON flag_override (context_id, student_id, created_at DESC);

CREATE TABLE group_plan (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  context_id uuid NOT NULL REFERENCES course_context (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  skills text[] NOT NULL,
  mode text NOT NULL CHECK (mode IN ('similar', 'mixed')),
  max_size integer NOT NULL CHECK (max_size BETWEEN 2 AND 10),
  groups jsonb NOT NULL,
  pairs jsonb NOT NULL DEFAULT '[]',
  created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX group_plan_context_idx ON group_plan (context_id, created_at DESC);

-- The LMS gradebook's value for a student and link, as last read through AGS results.
CREATE TABLE lms_result (
  resource_link_id uuid NOT NULL REFERENCES resource_link (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  result_score double precision,
  result_maximum double precision,
  read_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (resource_link_id, user_id)
);

-- Per course and skill: counts kept current by a job that reads only estimates changed
-- since its watermark, so district views never scan attempt history.
CREATE TABLE course_skill_rollup (
  context_id uuid NOT NULL REFERENCES course_context (id) ON DELETE CASCADE,
  skill_code text NOT NULL,
  students integer NOT NULL,
  mastered integer NOT NULL,
  sum_p_known double precision NOT NULL,
  evidence integer NOT NULL,
  refreshed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (context_id, skill_code)
);
CREATE INDEX mastery_estimate_updated_idx ON mastery_estimate (updated_at);

CREATE TABLE job_watermark (
  name text PRIMARY KEY,
  until timestamptz NOT NULL
);
