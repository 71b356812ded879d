package io.temas.campaigns;

import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import java.util.List;
import java.util.UUID;

/**
 * Who a send is for: rules over customer attributes, segments, consents and history, all of
 * which must hold. Empty rules select every customer.
 *
 * @param segments         in at least one of these segments (tags)
 * @param excludeSegments  in none of these
 * @param vip              VIP or not
 * @param languages        preferred language among these
 * @param consentChannel   with a recorded consent on this channel for {@code consentPurpose} (default commercial)
 * @param notContactedDays no campaign contact on any channel within so many days
 * @param noComplaintDays  no complaint on the timeline within so many days
 * @param customerIds      only these customers
 */
public record Audience(List<String> segments, List<String> excludeSegments, Boolean vip, List<String> languages,
                       ChannelType consentChannel, Purpose consentPurpose, Integer notContactedDays, Integer noComplaintDays,
                       List<UUID> customerIds) {

    public static final Audience EVERYONE = new Audience(null, null, null, null, null, null, null, null, null);

    public Audience {
        segments = segments == null ? List.of() : List.copyOf(segments);
        excludeSegments = excludeSegments == null ? List.of() : List.copyOf(excludeSegments);
        languages = languages == null ? List.of() : List.copyOf(languages);
        customerIds = customerIds == null ? List.of() : List.copyOf(customerIds);
        if (notContactedDays != null && notContactedDays < 0 || noComplaintDays != null && noComplaintDays < 0) {
            throw new InvalidInput(notContactedDays != null && notContactedDays < 0 ? "notContactedDays" : "noComplaintDays", "day counts must not be negative");
        }
    }
}
