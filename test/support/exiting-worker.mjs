// A pool worker that exits while it loads: piscina stops replacing such workers.
process.exit(4);
