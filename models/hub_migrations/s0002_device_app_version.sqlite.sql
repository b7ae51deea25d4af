-- Upstream server schema, version 2 (sqlite): the desk release each device last synced with.
-- Frozen SQL: never edit; a later change adds a step.
ALTER TABLE "device" ADD COLUMN "app_version" VARCHAR(32) NOT NULL DEFAULT '';
