"""Local-only tools: emulator launcher, doubles, signing key, replay. Never deployed."""
