"""Opt-in reminders when time will change a result, and notices when the rules do."""
