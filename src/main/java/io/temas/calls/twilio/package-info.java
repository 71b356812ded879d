/**
 * Twilio Programmable Voice: the incoming-call webhook (answered with TwiML that rings the agents'
 * phones), status callbacks turned into {@link io.temas.calls.CallEvent}s, both checked by Twilio's
 * signature, and click-to-call through Twilio's Calls API.
 */
@org.springframework.modulith.NamedInterface("twilio")
package io.temas.calls.twilio;
