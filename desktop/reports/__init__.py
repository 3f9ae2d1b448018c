"""Reports and exports written from the analyses: tables (CSV, XLSX), figures (PNG, SVG, PDF) and the
workshop report (a PDF with a cover and every chart with its table and a generated sentence).
Qt-free; charts come from desktop.charts."""
