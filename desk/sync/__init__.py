"""Replication with the upstream server: status, push, pull, bundles (DESIGN.md §3)."""
