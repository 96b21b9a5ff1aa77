-- Storage for ltijs (platform registry, tool key pairs, its own state/nonce/token caches)
-- through Trellis's database plugin. One row per ltijs "document"; queries are equality
-- matches on top-level fields, served by the jsonb_path_ops GIN index.
CREATE TABLE ltijs_document (
  id bigserial PRIMARY KEY,
  collection text NOT NULL,
  doc jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz
);
CREATE INDEX ltijs_document_collection_idx ON ltijs_document (collection);
CREATE INDEX ltijs_document_doc_idx ON ltijs_document USING gin (doc jsonb_path_ops);
CREATE INDEX ltijs_document_expires_idx ON ltijs_document (expires_at) WHERE expires_at IS NOT NULL;
-- ltijs checks nonces with get-then-insert; the unique index makes a concurrent replay fail.
CREATE UNIQUE INDEX ltijs_document_nonce_uidx ON ltijs_document ((doc ->> 'nonce')) WHERE collection = 'nonce';
