-- Assignments placed in a course through Deep Linking: which skills to practise, the goal,
-- due date and points. The LMS launches them through a resource link whose custom
-- parameter names the assignment.
CREATE TABLE assignment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  deployment_id uuid NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
  context_id uuid REFERENCES course_context (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  settings jsonb NOT NULL,
  created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assignment_context_idx ON assignment (context_id);

ALTER TABLE resource_link ADD COLUMN assignment_id uuid REFERENCES assignment (id) ON DELETE SET NULL;

-- A deep-linking launch keeps its request settings (return URL, opaque data, what the
-- platform accepts) so the response can be built after the teacher picks.
ALTER TABLE launch_session ADD COLUMN deep_linking jsonb;
