package io.temas.campaigns;

import io.temas.shared.ChannelType;
import java.time.Instant;
import java.util.UUID;

/** A customer withdrew consent to commercial messages on a channel ({@code RET}, {@code IPTAL}, {@code STOP}, an agent). */
public record CustomerOptedOut(UUID customerId, ChannelType channel, String address, String source, Instant occurredAt) {
}
