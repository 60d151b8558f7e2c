"""The safeguarding app's forms, one module per record kind."""
