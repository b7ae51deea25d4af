-- Desk schema, version 2: indexes for the counter's work queues at a million dossiers.
-- The overdue and due-soon queues filter on status and order by due time; the list sorts by
-- applicant name.
CREATE INDEX "dossier_status_due_at" ON "dossier" ("status", "due_at");
CREATE INDEX "applicant_name" ON "applicant" ("name");
