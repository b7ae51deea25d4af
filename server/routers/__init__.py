"""One router per resource under /api/v1 (DESIGN.md §3)."""
