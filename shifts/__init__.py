"""The daily log per child per shift, the shift handover with read receipts, and the
trauma-informed language check (issue 11)."""
