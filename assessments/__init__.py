"""Trauma assessment: brain-map assessments against age-typical development (TIER element 1)."""
