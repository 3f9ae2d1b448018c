"""Qt table models over plain data (lists of domain objects, DataFrames), shared by the pages."""
