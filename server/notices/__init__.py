"""Telling citizens who consented: the outbox of notices, its channels and the sender thread."""
