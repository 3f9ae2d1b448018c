"""Importers (Qt-free): reading export files and turning their rows into the store's datasets.

files.open_source      picks the reader by content: csv_reader (delimited text), excel, geopackage
mapping                canonical fields per dataset kind, header recognition, kind guess
values                 vectorised parsing of numbers, dates, codes and vocabularies
henkilotunnus          identity-code validation and keyed pseudonyms
kinds                  chunk -> typed dataset columns, with every bad cell reported
problems               where/what of bad cells, masked so no identity code is shown
projection             coordinates to EPSG:3067

The action itself (all or nothing, one transaction) is desktop.services.importing.
"""
