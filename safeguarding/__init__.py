"""Incidents, physical intervention and body maps, missing episodes, Regulation 40 notifications,
complaints and consequences (issue 10)."""
