/**
 * The SMS channel: provider webhooks in (a generic JSON format and Twilio's form format, both
 * signed), sending through the provider chosen in settings, delivery receipts, and segment
 * counting for Turkish text.
 */
@org.springframework.modulith.NamedInterface("sms")
package io.temas.channels.sms;
