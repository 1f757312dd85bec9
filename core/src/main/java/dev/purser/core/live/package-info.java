/**
 * Announcements that a subject shown to people (a plan and its tally) has changed, so the faces
 * that show it can update it in place.
 */
package dev.purser.core.live;
