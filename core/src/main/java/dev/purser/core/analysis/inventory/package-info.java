/**
 * The inventory port: what right-sizing, waste and the cloud pulls read of stored resources and
 * usage. The store implements it, so analysis never reaches the database.
 */
package dev.purser.core.analysis.inventory;
