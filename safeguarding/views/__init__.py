"""The safeguarding app's views, one module per record kind."""
