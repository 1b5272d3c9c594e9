"""The core's engine: neutral messages, context, the form engine, menu, audit, notices."""
