"""Documents and the memory box, the child's own copy, subject access, retention, backup and restore (issue 15)."""
