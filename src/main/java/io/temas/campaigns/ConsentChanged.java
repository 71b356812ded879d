package io.temas.campaigns;

import io.temas.shared.ChannelType;
import java.time.Instant;
import java.util.UUID;

/** A consent was recorded (given or withdrawn) for a customer on a channel and purpose, published in the recording transaction. */
public record ConsentChanged(UUID consentId, UUID customerId, String address, ChannelType channel, Purpose purpose, boolean granted,
                             String source, Instant at) {
}
