/** {@code rightsize}: right-sizing of machines, database clusters, compose stacks and Kubernetes containers. */
package dev.purser.commands.rightsizing;
