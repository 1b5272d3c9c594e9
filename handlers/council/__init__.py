"""The ward's award round after intake: the proposal list, công khai, the council, approval."""
