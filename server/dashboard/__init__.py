"""The district/province dashboard: server-rendered pages behind a login."""
