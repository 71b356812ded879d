package io.temas.calls;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The generic CTI connection, for any PBX that can post JSON: events come to
 * {@code POST /api/v1/webhooks/cti} signed with {@code webhookSecret}; calls Temas places are
 * posted, signed the same way, to {@code dialUrl}.
 *
 * @param webhookSecret the HMAC-SHA256 key of {@code X-Temas-Signature}; without it every event is refused
 * @param dialUrl       where click-to-call requests go, or null when this PBX cannot place calls for Temas
 */
@ConfigurationProperties("temas.cti")
public record CtiSettings(String webhookSecret, String dialUrl) {
}
