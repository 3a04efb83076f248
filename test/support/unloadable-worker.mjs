// A pool worker that fails while it loads (a broken install, say): no task ever reaches it.
throw new Error('cannot load the simulation engine');
