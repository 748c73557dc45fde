"""Storage: aiosqlite, the single source of truth for users, answers and results."""
