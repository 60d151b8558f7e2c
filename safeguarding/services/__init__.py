"""The safeguarding app's services, one module per record kind."""
