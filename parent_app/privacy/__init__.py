"""Privacy: export on request, erase on request, purge after the retention period."""
