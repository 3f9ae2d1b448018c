"""Sote-suunnittelija (Sote Planner): the single home of the app's name, id and version."""

__version__ = "0.1.0"
APP_NAME = "Sote-suunnittelija"
APP_NAME_EN = "Sote Planner"
APP_ID = "fi.soteplanner.desktop"
ORG_NAME = "SotePlanner"
STORE_SUFFIX = ".sote"
