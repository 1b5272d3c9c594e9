"""Plain keyword-only query functions, one module per group of tables."""
