package io.temas.routing;

import com.fasterxml.jackson.annotation.JsonValue;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

/**
 * An address customers reach the company on: an e-mail address, a phone number, an SMS
 * keyword, a form or a campaign code. It names the queue and, for campaigns, the campaign and
 * ad medium. A null channel matches every channel.
 *
 * <p>Channels are retired in stages: {@code state} says whether the entry point is active,
 * retiring (still answered, each conversation told once which channels to use instead and the
 * day it stops being used) or retired (still answered and told, but listed as gone);
 * {@code retiresAt} is the day the entry point becomes retired: one set retiring is retiring
 * until that day and retired from it (null: retiring with no day set).
 */
public record EntryPoint(UUID id, String address, ChannelType channel, UUID queueId, String name, String campaign, String medium,
                         State state, LocalDate retiresAt) {

    /** Where an entry point is in its retirement. */
    public enum State {
        ACTIVE, RETIRING, RETIRED;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws InvalidInput when the code is not active, retiring or retired */
        public static State of(String code) {
            try {
                return valueOf(code.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new InvalidInput("state", "state must be active, retiring or retired");
            }
        }
    }

    public EntryPoint {
        state = state == null ? State.ACTIVE : state;
    }

    public EntryPoint(UUID id, String address, ChannelType channel, UUID queueId, String name, String campaign, String medium) {
        this(id, address, channel, queueId, name, campaign, medium, State.ACTIVE, null);
    }

    /** The state that holds on a day: a retiring entry point is retired from {@code retiresAt} on. */
    public State stateOn(LocalDate day) {
        return state == State.RETIRING && retiresAt != null && !day.isBefore(retiresAt) ? State.RETIRED : state;
    }
}
