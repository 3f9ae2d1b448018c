"""The export file's format, shared by its writers: ';' between cells, CRLF line ends, decimal
numbers as '%.10g' (a decimal point, ten significant digits), UTF-8 with a BOM (Excel opens it right)."""

SEPARATOR = ";"
LINE_END = "\r\n"
FLOAT_FORMAT = "%.10g"
