-- Dynamic Registration: how a platform was registered, and whether Trellis may learn new
-- deployment ids from signed launches (platforms such as Canvas create a deployment per
-- install and do not return one at registration).
ALTER TABLE platform
  ADD COLUMN registered_via text NOT NULL DEFAULT 'manual' CHECK (registered_via IN ('manual', 'dynamic', 'demo')),
  ADD COLUMN accept_new_deployments boolean NOT NULL DEFAULT false;
