-- Desk schema, version 4: whether the citizen agreed to be told by SMS/e-mail (the receipt's
-- "Đồng ý nhận thông báo"). Dossiers received before this version never asked: 0, no message.
ALTER TABLE "dossier" ADD COLUMN "notify" INTEGER NOT NULL DEFAULT 0;
