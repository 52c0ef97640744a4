"""handouts: honest, plain-language patient handouts about Low Dose Naltrexone (LDN)."""

__version__ = "0.1.0"
