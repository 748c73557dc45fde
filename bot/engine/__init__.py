"""The questionnaire engine: pure functions from answers so far to the next question."""
