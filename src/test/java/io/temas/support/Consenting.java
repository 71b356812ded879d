package io.temas.support;

import io.temas.campaigns.Consents;
import io.temas.campaigns.Purpose;
import io.temas.customers.CustomerId;
import io.temas.shared.ChannelType;
import java.time.Instant;
import java.util.List;

/**
 * Commercial contact needs a recorded consent ({@code temas.campaigns.require-consent}, on by default): tests that send
 * campaigns give their customers one on e-mail, SMS and calls. It is dated long ago, so any withdrawal a test records
 * afterwards (by its own clock) is the later word.
 */
public final class Consenting {

    public static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    private Consenting() {
    }

    /** The customer consents to commercial e-mail, SMS and calls (source {@code test}). */
    public static CustomerId everywhere(Consents consents, CustomerId customer) {
        for (ChannelType channel : List.of(ChannelType.EMAIL, ChannelType.SMS, ChannelType.VOICE)) {
            consents.record(customer, null, channel, Purpose.COMMERCIAL, true, "test", LONG_AGO);
        }
        return customer;
    }

    /** The customer withdraws consent to commercial calls now (a list built before keeps them until a dialer reaches them). */
    public static void withdrawCalls(Consents consents, CustomerId customer) {
        consents.record(customer, null, ChannelType.VOICE, Purpose.COMMERCIAL, false, "test", Instant.now());
    }
}
