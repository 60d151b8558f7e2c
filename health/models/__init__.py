"""One module per record kind; each is imported here so Django finds its models."""
