"""Pure scoring: validated answers and a day of application in, an assessment out."""
