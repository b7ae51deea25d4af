-- Desk schema, version 3: when the server last refused an outbox row. The clerk's list of
-- records set aside ("bị giữ lại") says when each was refused; rows parked before this version
-- keep NULL (the time was not recorded then).
ALTER TABLE "outbox" ADD COLUMN "parked_at" TEXT;
