"""Pure card builders: domain objects in, Card-framework JSON out. No I/O, no Flask."""
