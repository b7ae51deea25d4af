"""The province dashboard: server-rendered pages behind a login, by role and commune."""
