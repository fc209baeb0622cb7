"""Built-in rules, one module each. A new module here is a new rule; nothing else changes."""
