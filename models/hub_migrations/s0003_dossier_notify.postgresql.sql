-- Upstream server schema, version 3 (postgresql): the citizen's consent to notices, as the desk keeps it (m0004).
ALTER TABLE "dossier" ADD COLUMN "notify" BOOLEAN NOT NULL DEFAULT FALSE;
