-- Upstream server schema, version 5 (postgresql): the dashboard's accounts by role, sign-in throttling,
-- refused records, the figures kept per day (server.figures), the search
-- index (server.search) and the indexes the dossier lists need. Frozen: never edit.

ALTER TABLE "dashboard_user" ADD COLUMN "role" VARCHAR(16) NOT NULL DEFAULT 'province';
ALTER TABLE "dashboard_user" ADD COLUMN "commune_code" VARCHAR(16) REFERENCES "commune" ("code") ON DELETE RESTRICT;
ALTER TABLE "dashboard_user" ADD COLUMN "password_changed_at" TEXT;
CREATE INDEX "dashboard_user_commune_code" ON "dashboard_user" ("commune_code");
CREATE INDEX "dossier_status_due_at" ON "dossier" ("status", "due_at");
CREATE INDEX "applicant_name" ON "applicant" ("name");
CREATE INDEX "dossier_commune_code_status_due_at" ON "dossier" ("commune_code", "status", "due_at");
CREATE INDEX "dossier_status_commune_code_procedure_code_deadline_at" ON "dossier" ("status", "commune_code", "procedure_code", "deadline_at");
CREATE TABLE "login_throttle" ("key" VARCHAR(200) NOT NULL PRIMARY KEY, "failures" INTEGER NOT NULL, "last_failure_at" TEXT NOT NULL);
CREATE TABLE "ingest_refusal" ("device_id" VARCHAR(36) NOT NULL, "seq" BIGINT NOT NULL, "commune_code" VARCHAR(16) NOT NULL, "record_id" VARCHAR(64) NOT NULL, "record_type" VARCHAR(24) NOT NULL, "code" VARCHAR(64) NOT NULL, "detail" TEXT NOT NULL, "first_at" TEXT NOT NULL, "last_at" TEXT NOT NULL, "times" INTEGER NOT NULL, PRIMARY KEY ("device_id", "seq"));
CREATE INDEX "ingest_refusal_commune_code" ON "ingest_refusal" ("commune_code");
CREATE TABLE "figure_commune" ("received_direct" INTEGER NOT NULL, "received_online" INTEGER NOT NULL, "received_post" INTEGER NOT NULL, "resolved_early" INTEGER NOT NULL, "resolved_on_time" INTEGER NOT NULL, "resolved_late" INTEGER NOT NULL, "pending_on_time" INTEGER NOT NULL, "pending_overdue" INTEGER NOT NULL, "waiting_supplement" INTEGER NOT NULL, "supplement_requested" INTEGER NOT NULL, "refused" INTEGER NOT NULL, "withdrawn" INTEGER NOT NULL, "stopped" INTEGER NOT NULL, "closed_early" INTEGER NOT NULL, "closed_on_time" INTEGER NOT NULL, "closed_late" INTEGER NOT NULL, "rated_3" INTEGER NOT NULL, "rated_2" INTEGER NOT NULL, "rated_1" INTEGER NOT NULL, "grain" VARCHAR(1) NOT NULL, "bucket" DATE NOT NULL, "commune_code" VARCHAR(16) NOT NULL, PRIMARY KEY ("grain", "bucket", "commune_code"));
CREATE TABLE "figure_procedure" ("received_direct" INTEGER NOT NULL, "received_online" INTEGER NOT NULL, "received_post" INTEGER NOT NULL, "resolved_early" INTEGER NOT NULL, "resolved_on_time" INTEGER NOT NULL, "resolved_late" INTEGER NOT NULL, "pending_on_time" INTEGER NOT NULL, "pending_overdue" INTEGER NOT NULL, "waiting_supplement" INTEGER NOT NULL, "supplement_requested" INTEGER NOT NULL, "refused" INTEGER NOT NULL, "withdrawn" INTEGER NOT NULL, "stopped" INTEGER NOT NULL, "closed_early" INTEGER NOT NULL, "closed_on_time" INTEGER NOT NULL, "closed_late" INTEGER NOT NULL, "rated_3" INTEGER NOT NULL, "rated_2" INTEGER NOT NULL, "rated_1" INTEGER NOT NULL, "commune_code" VARCHAR(16) NOT NULL, "grain" VARCHAR(1) NOT NULL, "bucket" DATE NOT NULL, "procedure_code" VARCHAR(32) NOT NULL, PRIMARY KEY ("commune_code", "grain", "bucket", "procedure_code"));
CREATE TABLE "figure_province" ("received_direct" INTEGER NOT NULL, "received_online" INTEGER NOT NULL, "received_post" INTEGER NOT NULL, "resolved_early" INTEGER NOT NULL, "resolved_on_time" INTEGER NOT NULL, "resolved_late" INTEGER NOT NULL, "pending_on_time" INTEGER NOT NULL, "pending_overdue" INTEGER NOT NULL, "waiting_supplement" INTEGER NOT NULL, "supplement_requested" INTEGER NOT NULL, "refused" INTEGER NOT NULL, "withdrawn" INTEGER NOT NULL, "stopped" INTEGER NOT NULL, "closed_early" INTEGER NOT NULL, "closed_on_time" INTEGER NOT NULL, "closed_late" INTEGER NOT NULL, "rated_3" INTEGER NOT NULL, "rated_2" INTEGER NOT NULL, "rated_1" INTEGER NOT NULL, "grain" VARCHAR(1) NOT NULL, "bucket" DATE NOT NULL, "procedure_code" VARCHAR(32) NOT NULL, PRIMARY KEY ("grain", "bucket", "procedure_code"));
CREATE TABLE "figure_repeat" ("commune_code" VARCHAR(16) NOT NULL, "procedure_code" VARCHAR(32) NOT NULL, "first_day" DATE NOT NULL, "last_day" DATE NOT NULL, "count" INTEGER NOT NULL, PRIMARY KEY ("commune_code", "procedure_code", "first_day", "last_day"));
CREATE TABLE "figure_irregular" ("dossier_id" VARCHAR(36) NOT NULL PRIMARY KEY, "commune_code" VARCHAR(16) NOT NULL);
CREATE INDEX "figure_irregular_commune_code" ON "figure_irregular" ("commune_code");
CREATE TABLE "derived_state" ("name" VARCHAR(32) NOT NULL PRIMARY KEY, "built_at" TEXT NOT NULL);
CREATE TABLE "dossier_search" ("dossier_id" VARCHAR(36) NOT NULL PRIMARY KEY, "commune_code" VARCHAR(16) NOT NULL, "received_at" TEXT NOT NULL, "terms" TSVECTOR NOT NULL, FOREIGN KEY ("dossier_id") REFERENCES "dossier" ("id") ON DELETE CASCADE);
CREATE INDEX "dossier_search_terms" ON "dossier_search" USING GIN ("terms");
CREATE INDEX "dossier_search_received_at" ON "dossier_search" ("received_at");
CREATE INDEX "dossier_search_commune_code_received_at" ON "dossier_search" ("commune_code", "received_at");
