-- Desk schema, version 6: accounts. Clerks sign in; every intake, event and setting change
-- names the account that made it. The old "clerk" table (names only, no way to sign in) stays
-- for files written before this version.
CREATE TABLE "account" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "login" VARCHAR(32) NOT NULL, "name" VARCHAR(200) NOT NULL, "role" VARCHAR(8) NOT NULL, "password_hash" VARCHAR(200) NOT NULL, "active" INTEGER NOT NULL, "created_at" TEXT NOT NULL, "failed_logins" INTEGER NOT NULL, "last_failed_at" TEXT, "last_login_at" TEXT);
CREATE UNIQUE INDEX "account_login" ON "account" ("login");
