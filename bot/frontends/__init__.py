"""Front ends: Telegram (python-telegram-bot) and the terminal chat, on the same chat service."""
