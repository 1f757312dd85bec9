package dev.purser.core.analysis.catalog;

/** What a catalog size is bought as. */
public enum SizeClass {
    /** A virtual machine: a DigitalOcean droplet or an EC2 instance, priced per machine. */
    MACHINE,
    /** One node of a managed database cluster, priced per node. */
    DATABASE_NODE
}
