"""Domain logic and integrations of Lærerværelset. Never imports Flask."""
