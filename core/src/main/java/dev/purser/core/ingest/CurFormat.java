package dev.purser.core.ingest;

/** Which AWS Cost and Usage Report layout a file uses, told from its header. */
public enum CurFormat {
    /** The legacy CUR: {@code category/Column} headers and one {@code resourceTags/user:key} column per tag. */
    LEGACY,
    /**
     * CUR 2.0 (AWS Data Exports) and the Athena-style legacy export: {@code snake_case} headers,
     * tags either in one {@code resource_tags} JSON map or in {@code resource_tags_user_key} columns.
     */
    CUR2
}
