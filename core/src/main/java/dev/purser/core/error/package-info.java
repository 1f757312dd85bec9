/** Categorised errors: one exception type, a stable code, and whose problem it is. */
package dev.purser.core.error;
