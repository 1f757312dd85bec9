/**
 * PNG charts for replies, drawn with XChart off-screen: no display is needed or used (the
 * renderer switches AWT to headless mode before anything touches it).
 */
package dev.purser.commands.charts;
