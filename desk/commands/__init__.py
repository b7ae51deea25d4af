"""Sub-commands of the motcua CLI, one module per area."""
