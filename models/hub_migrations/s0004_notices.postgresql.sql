-- Upstream server schema, version 4 (postgresql): province settings, and the outbox of notices to citizens.
CREATE TABLE "server_setting" ("key" VARCHAR(64) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL, "updated_at" TEXT NOT NULL);
CREATE TABLE "notice" ("id" BIGSERIAL NOT NULL PRIMARY KEY, "key" VARCHAR(120) NOT NULL, "dossier_id" VARCHAR(36) NOT NULL, "event_id" VARCHAR(36) NOT NULL, "commune_code" VARCHAR(16) NOT NULL, "kind" VARCHAR(16) NOT NULL, "channel" VARCHAR(8) NOT NULL, "state" VARCHAR(12) NOT NULL, "attempts" INTEGER NOT NULL, "next_attempt_at" TEXT NOT NULL, "created_at" TEXT NOT NULL, "sent_at" TEXT, "last_error" TEXT NOT NULL);
CREATE UNIQUE INDEX "notice_key" ON "notice" ("key");
CREATE INDEX "notice_dossier_id" ON "notice" ("dossier_id");
CREATE INDEX "notice_state_next_attempt_at" ON "notice" ("state", "next_attempt_at");
