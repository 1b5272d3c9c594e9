"""The shell: settings, the command line, one package per channel, the outbox sender, scheduling."""
