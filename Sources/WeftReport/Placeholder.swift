// Report model.
