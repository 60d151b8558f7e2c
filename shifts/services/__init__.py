"""Writes of the shifts app, one module per concept (shift patterns, daily logs, handovers)."""
