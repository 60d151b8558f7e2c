"""Team regulation: supervision, groups, training and wellbeing (TIER element 4)."""
