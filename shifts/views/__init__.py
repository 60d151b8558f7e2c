"""Pages of the shifts app, one module per concept."""
