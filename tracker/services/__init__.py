"""Changes to the monthly review's records. Views validate input with forms and call these."""
