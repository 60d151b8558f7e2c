"""Reviewing and monitoring: the monthly tracker and review PDFs (TIER element 3)."""
