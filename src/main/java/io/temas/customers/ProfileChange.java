package io.temas.customers;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The profile fields to change, each with its new value as the sender wrote it (text; a list of text for
 * {@link Field#SEGMENTS}; a Boolean for {@link Field#VIP}); a field given as null is cleared. A field left out keeps its
 * value. {@link Profiles#update} checks every value.
 */
public record ProfileChange(Map<Field, Object> values) {

    /** A profile field, named as the API names it. */
    public enum Field {
        DISPLAY_NAME("displayName"), VIP("vip"), SEGMENTS("segments"), LANGUAGE("language"), PREFERRED_CHANNEL("preferredChannel"),
        BIRTH_DATE("birthDate"), GENDER("gender"), CITY("city"), OCCUPATION("occupation");

        private final String wire;

        Field(String wire) {
            this.wire = wire;
        }

        /** The name in the API and the console's forms. */
        public String wire() {
            return wire;
        }

        /** Whether only supervisors and admins (an admin token on the API) may change it: how the company ranks the person. */
        public boolean ranking() {
            return this == VIP || this == SEGMENTS;
        }
    }

    public ProfileChange {
        EnumMap<Field, Object> copy = new EnumMap<>(Field.class);
        values.forEach(copy::put);
        values = Collections.unmodifiableMap(copy);
    }

    /** This change and {@code field} set to {@code value} (null clears it). */
    public ProfileChange with(Field field, Object value) {
        EnumMap<Field, Object> more = new EnumMap<>(Field.class);
        more.putAll(values);
        more.put(field, value);
        return new ProfileChange(more);
    }

    public boolean touches(Field field) {
        return values.containsKey(field);
    }

    public boolean touchesRanking() {
        return values.keySet().stream().anyMatch(Field::ranking);
    }
}
