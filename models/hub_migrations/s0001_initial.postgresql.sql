-- Upstream server schema, version 1 (postgresql). Frozen SQL: later versions add migrations, never edit this file.
-- Shared tables match models/migrations/m0001_initial.sql; server-only tables are models/hub.py.

CREATE TABLE "schema_version" ("id" INTEGER NOT NULL PRIMARY KEY, "version" INTEGER NOT NULL, "app_version" VARCHAR(32) NOT NULL);
CREATE TABLE "commune" ("code" VARCHAR(16) NOT NULL PRIMARY KEY, "name" VARCHAR(200) NOT NULL, "agency_code" VARCHAR(32) NOT NULL, "province_name" VARCHAR(200) NOT NULL, "place_name" VARCHAR(200) NOT NULL);
CREATE TABLE "procedure" ("code" VARCHAR(32) NOT NULL PRIMARY KEY, "name" VARCHAR(500) NOT NULL, "name_folded" VARCHAR(500) NOT NULL, "field" VARCHAR(200) NOT NULL, "processing_value" INTEGER NOT NULL, "processing_unit" VARCHAR(16) NOT NULL, "verification_value" INTEGER, "fee_amount" INTEGER NOT NULL, "fee_note" VARCHAR(500) NOT NULL, "legal_basis" TEXT NOT NULL, "result_name" VARCHAR(500) NOT NULL, "active" BOOLEAN NOT NULL, "catalogue_version" VARCHAR(32) NOT NULL);
CREATE INDEX "procedure_name_folded" ON "procedure" ("name_folded");
CREATE INDEX "procedure_field" ON "procedure" ("field");
CREATE TABLE "procedure_document" ("id" SERIAL NOT NULL PRIMARY KEY, "procedure_id" VARCHAR(32) NOT NULL, "position" INTEGER NOT NULL, "name" TEXT NOT NULL, "form" VARCHAR(20) NOT NULL, "quantity" INTEGER NOT NULL, "required" BOOLEAN NOT NULL, FOREIGN KEY ("procedure_id") REFERENCES "procedure" ("code") ON DELETE CASCADE);
CREATE INDEX "procedure_document_procedure_id" ON "procedure_document" ("procedure_id");
CREATE UNIQUE INDEX "procedure_document_procedure_id_position" ON "procedure_document" ("procedure_id", "position");
CREATE TABLE "calendar_override" ("date" DATE NOT NULL PRIMARY KEY, "kind" VARCHAR(16) NOT NULL, "note" VARCHAR(500) NOT NULL, "source" VARCHAR(16) NOT NULL);
CREATE TABLE "applicant" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "commune_code" VARCHAR(16) NOT NULL, "name" VARCHAR(200) NOT NULL, "id_number" VARCHAR(12) NOT NULL, "phone" VARCHAR(20) NOT NULL, "address" TEXT NOT NULL, "email" VARCHAR(200) NOT NULL, "birth_date" DATE, "sex" VARCHAR(8) NOT NULL);
CREATE INDEX "applicant_id_number" ON "applicant" ("id_number");
CREATE INDEX "applicant_phone" ON "applicant" ("phone");
CREATE TABLE "dossier" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "commune_code" VARCHAR(16) NOT NULL, "desk_id" VARCHAR(36) NOT NULL, "code" VARCHAR(48) NOT NULL, "procedure_code" VARCHAR(32) NOT NULL, "applicant_id" VARCHAR(36) NOT NULL, "received_at" TEXT NOT NULL, "received_by" VARCHAR(200) NOT NULL, "channel" VARCHAR(16) NOT NULL, "return_method" VARCHAR(16) NOT NULL, "sets_count" INTEGER NOT NULL, "fee_amount" INTEGER NOT NULL, "note" TEXT NOT NULL, "ledger_book" VARCHAR(32) NOT NULL, "ledger_entry" INTEGER NOT NULL, "status" VARCHAR(24) NOT NULL, "due_at" TEXT NOT NULL, "deadline_at" TEXT NOT NULL, "clock_started_at" TEXT NOT NULL, "result_ready_at" TEXT, "returned_at" TEXT, "closed_at" TEXT, "outcome" VARCHAR(8) NOT NULL, "reschedule_count" INTEGER NOT NULL, "rating" INTEGER, "updated_at" TEXT NOT NULL, FOREIGN KEY ("procedure_code") REFERENCES "procedure" ("code"), FOREIGN KEY ("applicant_id") REFERENCES "applicant" ("id"));
CREATE INDEX "dossier_commune_code" ON "dossier" ("commune_code");
CREATE UNIQUE INDEX "dossier_code" ON "dossier" ("code");
CREATE INDEX "dossier_procedure_code" ON "dossier" ("procedure_code");
CREATE INDEX "dossier_applicant_id" ON "dossier" ("applicant_id");
CREATE INDEX "dossier_received_at" ON "dossier" ("received_at");
CREATE INDEX "dossier_status" ON "dossier" ("status");
CREATE INDEX "dossier_due_at" ON "dossier" ("due_at");
CREATE TABLE "received_document" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "dossier_id" VARCHAR(36) NOT NULL, "position" INTEGER NOT NULL, "name" TEXT NOT NULL, "form" VARCHAR(20) NOT NULL, "quantity" INTEGER NOT NULL, FOREIGN KEY ("dossier_id") REFERENCES "dossier" ("id") ON DELETE CASCADE);
CREATE INDEX "received_document_dossier_id" ON "received_document" ("dossier_id");
CREATE TABLE "dossier_event" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "commune_code" VARCHAR(16) NOT NULL, "dossier_id" VARCHAR(36) NOT NULL, "kind" VARCHAR(24) NOT NULL, "at" TEXT NOT NULL, "recorded_at" TEXT NOT NULL, "hlc" VARCHAR(40) NOT NULL, "actor" VARCHAR(200) NOT NULL, "origin" VARCHAR(16) NOT NULL, "note" TEXT NOT NULL, "data" TEXT NOT NULL, FOREIGN KEY ("dossier_id") REFERENCES "dossier" ("id") ON DELETE CASCADE);
CREATE INDEX "dossier_event_commune_code" ON "dossier_event" ("commune_code");
CREATE INDEX "dossier_event_dossier_id_hlc_id" ON "dossier_event" ("dossier_id", "hlc", "id");
CREATE TABLE "device" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "commune_code" VARCHAR(16) NOT NULL, "name" VARCHAR(200) NOT NULL, "secret_hash" VARCHAR(64) NOT NULL, "bundle_key" VARCHAR(64) NOT NULL, "created_at" TEXT NOT NULL, "revoked_at" TEXT, "last_seen_at" TEXT, "acked_seq" BIGINT NOT NULL, "pending_reported" INTEGER NOT NULL);
CREATE INDEX "device_commune_code" ON "device" ("commune_code");
CREATE TABLE "enrolment_code" ("code_hash" VARCHAR(64) NOT NULL PRIMARY KEY, "commune_code" VARCHAR(16) NOT NULL, "created_at" TEXT NOT NULL, "expires_at" TEXT NOT NULL, "used_at" TEXT, "device_id" VARCHAR(36) NOT NULL);
CREATE TABLE "ingest_ledger" ("record_id" VARCHAR(36) NOT NULL PRIMARY KEY, "record_type" VARCHAR(24) NOT NULL, "commune_code" VARCHAR(16) NOT NULL, "device_id" VARCHAR(36) NOT NULL, "device_seq" BIGINT NOT NULL, "payload_hash" VARCHAR(64) NOT NULL, "received_at" TEXT NOT NULL);
CREATE TABLE "change_log" ("seq" BIGSERIAL NOT NULL PRIMARY KEY, "commune_code" VARCHAR(16), "kind" VARCHAR(16) NOT NULL, "record_id" VARCHAR(64) NOT NULL, "origin_device" VARCHAR(36) NOT NULL, "payload" TEXT NOT NULL, "created_at" TEXT NOT NULL);
CREATE INDEX "change_log_commune_code_seq" ON "change_log" ("commune_code", "seq");
CREATE TABLE "dashboard_user" ("id" SERIAL NOT NULL PRIMARY KEY, "username" VARCHAR(64) NOT NULL, "password_hash" VARCHAR(200) NOT NULL, "display_name" VARCHAR(200) NOT NULL, "active" BOOLEAN NOT NULL, "created_at" TEXT NOT NULL);
CREATE UNIQUE INDEX "dashboard_user_username" ON "dashboard_user" ("username");
CREATE TABLE "dashboard_session" ("token_hash" VARCHAR(64) NOT NULL PRIMARY KEY, "user_id" INTEGER NOT NULL, "created_at" TEXT NOT NULL, "expires_at" TEXT NOT NULL, FOREIGN KEY ("user_id") REFERENCES "dashboard_user" ("id") ON DELETE CASCADE);
CREATE INDEX "dashboard_session_user_id" ON "dashboard_session" ("user_id");
