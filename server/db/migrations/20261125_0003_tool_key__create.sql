-- Trellis's own signing keys (client assertions for LMS services, deep-linking responses).
-- Exactly one key is active; a rotated-out key stays published as 'retiring' until
-- retire_at, so anything signed with it just before a rotation still verifies.
CREATE TABLE tool_key (
  kid text PRIMARY KEY,
  public_jwk jsonb NOT NULL,
  -- AES-256-GCM sealed PKCS#8 PEM ({iv, data}); never stored or logged in clear.
  private_key_sealed jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'retiring', 'retired')),
  created_at timestamptz NOT NULL DEFAULT now(),
  retire_at timestamptz
);
CREATE UNIQUE INDEX tool_key_one_active_uidx ON tool_key ((true)) WHERE status = 'active';
