/**
 * Asterisk through its REST interface (ARI): the event stream of Temas's Stasis application,
 * kept open and opened again when it drops, turned into {@link io.temas.calls.CallEvent}s, and
 * click-to-call by originating a channel to the agent's phone that then dials the customer.
 */
package io.temas.calls.asterisk;
