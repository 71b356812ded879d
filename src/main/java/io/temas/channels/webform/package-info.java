/** The web contact form channel: its descriptor; submissions arrive through the help centre and the inbound API. */
package io.temas.channels.webform;
