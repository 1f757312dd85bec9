/** Hand-written fakes at the commands' ports, shared with other modules through the test-jar. */
package dev.purser.commands.testing;
