-- Desk schema, version 7: the audit trail, append-only and chained by hashes.
CREATE TABLE "audit_entry" ("seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "at" TEXT NOT NULL, "actor" VARCHAR(32) NOT NULL, "action" VARCHAR(40) NOT NULL, "target" VARCHAR(200) NOT NULL, "details" TEXT NOT NULL, "hash" VARCHAR(64) NOT NULL);
CREATE INDEX "audit_entry_at" ON "audit_entry" ("at");
CREATE TRIGGER "audit_entry_no_update" BEFORE UPDATE ON "audit_entry"
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER "audit_entry_no_delete" BEFORE DELETE ON "audit_entry"
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
