"""Test suite: scoring, engine, front ends and storage, driven as a user would."""
