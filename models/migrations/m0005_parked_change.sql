-- Desk schema, version 5: records pulled from the server that this desk could not apply. One
-- poison record must not stop the pull: it is set aside here with the reason, shown with the
-- parked records, tried again at every pull, and removed once it applies.
CREATE TABLE "parked_change" ("seq" INTEGER NOT NULL PRIMARY KEY, "kind" VARCHAR(16) NOT NULL, "record_id" VARCHAR(64) NOT NULL, "payload" TEXT NOT NULL, "error" TEXT NOT NULL, "parked_at" TEXT NOT NULL, "attempts" INTEGER NOT NULL);
