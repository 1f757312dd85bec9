/** Files to FOCUS rows: readers for each bill format and the importers that land them. */
package dev.purser.core.ingest;
