"""Test support code: a fake Telegram Bot API server that the real PTB stack talks HTTP to."""
