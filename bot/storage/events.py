"""Kinds of `events` rows that one package writes and another counts."""

OPENED_NEXT_STEPS, OPENED_REPORT = "opened_next_steps", "opened_report"   # events of the result
OPENINGS = (OPENED_NEXT_STEPS, OPENED_REPORT)   # counted once per person, on the first
SENT, CANCELLED = "reminder_sent", "reminder_cancelled"        # events of `bot.reminders.store`
BLOCKED, UNCERTAIN = "reminder_blocked", "reminder_uncertain"
