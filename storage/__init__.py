"""SQLModel tables, plain query functions, the engine and sessions, migrations, the file store."""
