package io.temas.campaigns;

import io.temas.shared.ChannelType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A promotion: its offer and terms, the channels it uses, when it runs and where customers answer it. */
public record Campaign(UUID id, String name, String code, String offer, String terms, List<ChannelType> channels,
                       String smsKeyword, Instant startsAt, Instant endsAt, Status status, List<EntryPoint> entryPoints,
                       Instant createdAt) {

    /** Where a campaign is in its life. */
    public enum Status {
        DRAFT, RUNNING, PAUSED, ENDED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status of(String code) {
            try {
                return valueOf(code.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new io.temas.shared.InvalidInput("status", "status must be draft, running, paused or ended, not '" + code + "'");
            }
        }
    }

    /**
     * A dedicated entry point: a phone number, e-mail address, SMS keyword, postcode or landing-page code.
     *
     * @param kind   phone, email, keyword, postcode or code
     * @param medium the ad medium it stands for (a newspaper ad, a billboard, the SMS blast)
     */
    public record EntryPoint(String address, String kind, String medium) {
    }

    /** Whether customers can answer it and be contacted for it now. */
    public boolean runsAt(Instant instant) {
        return status == Status.RUNNING && (startsAt == null || !instant.isBefore(startsAt)) && (endsAt == null || instant.isBefore(endsAt));
    }
}
