"""Qt translations shipped with the app."""
