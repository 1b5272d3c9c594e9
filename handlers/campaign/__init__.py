"""The campaign file: the plan as data, its sections and rules, deadline and working time."""
