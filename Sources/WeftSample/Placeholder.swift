// Synthetic data.
