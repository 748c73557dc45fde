"""Presenting an assessment: the contract's JSON and the text a chat user reads."""
