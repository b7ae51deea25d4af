"""The public lookup: a citizen types (or scans) the dossier code and sees where it stands."""
