package io.temas.calls;

/** The telephony settings were changed: connections to a PBX are made again with the new values. */
public record TelephonyChanged() {
}
