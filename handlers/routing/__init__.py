"""The entry of the core: routes every incoming message to its use case."""
