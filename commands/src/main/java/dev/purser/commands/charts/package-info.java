/**
 * Charts: the data builders commands use ({@link dev.purser.commands.charts.DailyCostChart}) and
 * the one shared rasteriser faces call when they show an image
 * ({@link dev.purser.commands.charts.ChartRasterizer}), drawn with XChart off-screen: no display
 * is needed or used.
 */
package dev.purser.commands.charts;
