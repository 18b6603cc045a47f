"""layoffbot: sourced answers about company layoffs and the rules around them."""

__version__ = "0.1.0"
