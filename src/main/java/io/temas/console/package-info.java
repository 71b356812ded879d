/**
 * The agent console under {@code /console}: sign-in with roles (agent, supervisor, admin), inbox,
 * conversation, customer 360, supervisor board and admin screens, server-rendered with live updates.
 */
package io.temas.console;
