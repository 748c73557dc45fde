"""The outreach statistics for admins: figures read from the tallies, shown by one privacy rule."""
