/**
 * The demo's in-process DigitalOcean API: a WireMock server whose one response transformer keeps
 * clusters, droplets, actions, backups and metric series, and answers in the documented API v2
 * shapes, with action polling (a resize shows {@code resizing} for a few polls, then {@code online};
 * droplet actions go {@code in-progress} to {@code completed}), forks that appear and can be
 * deleted, rate-limit headers, injectable faults, and series that can be made to breach after a
 * cluster's resize. WireMock is a compile dependency of core for this package alone.
 */
package dev.purser.core.demo.dosim;
