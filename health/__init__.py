"""The child's health record, delegated authority, prescriptions, stock and the MAR (issue 11)."""
