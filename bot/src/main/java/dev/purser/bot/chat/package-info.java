/**
 * Chat state shared by the Slack and Discord faces and by every {@code purser serve} instance on
 * one database: the follow-ups behind buttons, and the live messages that show a subject (a plan
 * and its tally) and are updated in place when it changes.
 */
package dev.purser.bot.chat;
