/**
 * Files to FOCUS rows: readers for each bill format and the importers that land them, and the
 * ports they land through ({@link dev.purser.core.ingest.CostSink} for cost rows,
 * {@link dev.purser.core.ingest.InventorySink} for resources and usage). The store implements the
 * ports; readers, importers and cloud pulls never see a database.
 */
package dev.purser.core.ingest;
