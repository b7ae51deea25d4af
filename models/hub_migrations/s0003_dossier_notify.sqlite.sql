-- Upstream server schema, version 3 (sqlite): the citizen's consent to notices, as the desk keeps it (m0004).
ALTER TABLE "dossier" ADD COLUMN "notify" INTEGER NOT NULL DEFAULT 0;
