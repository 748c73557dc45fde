"""Values and helpers every layer shares, importing nothing of the bot: the lowest layer."""
