"""Importers (Qt-free): reading export files and turning their rows into the store's datasets.

files.open_source      picks the reader by content: csv_reader (delimited text), excel, geopackage
csv_dialect            a text file's encoding, separator and decimal mark, and its record scan
mapping                canonical fields per dataset kind, header recognition, kind guess
values                 vectorised parsing of numbers, dates, codes and vocabularies
henkilotunnus          identity-code validation and keyed pseudonyms
kinds                  chunk -> typed dataset columns, with every bad cell reported (one module per
                       family of kinds: events, areas, economy; persons; the shared checks)
problems               where/what of bad cells, masked so no identity code is shown
projection             coordinates to EPSG:3067

The action itself (all or nothing, one transaction) is desktop.services.importing.
"""
