package io.temas.customers;

import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import java.time.LocalDate;
import java.util.List;

/**
 * What the profile says about a person beside their identities: demographics, segments, VIP, the language and channel
 * to reach them in, and their lifecycle stage. Any of the single values may be null (not known).
 */
public record CustomerProfile(
        CustomerId id,
        String displayName,
        boolean vip,
        List<String> segments,
        Language language,
        ChannelType preferredChannel,
        LocalDate birthDate,
        Gender gender,
        String city,
        String occupation,
        LifecycleStage stage) {
}
