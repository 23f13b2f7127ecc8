// Network analyses: one folder per family.
