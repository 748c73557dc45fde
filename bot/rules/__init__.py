"""Rules as dated data: rule sets, eligible universities, currency rates."""
