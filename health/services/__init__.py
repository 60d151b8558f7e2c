"""Changes to the health record and the medicines, one module per concept."""
