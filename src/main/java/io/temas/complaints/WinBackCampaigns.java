package io.temas.complaints;

import io.temas.campaigns.Audience;
import io.temas.campaigns.Campaign;
import io.temas.campaigns.Campaigns;
import io.temas.shared.Ids;
import io.temas.shared.RefusedByRule;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns the win-back list into a draft campaign whose audience is exactly its customers, through
 * the campaigns module's own service. Nothing is sent: the campaign is a draft, and its contact
 * rules decide at send time who may be contacted.
 */
@Service
public class WinBackCampaigns {

    /** The draft campaign made, and how many customers its audience holds. */
    public record Created(Campaign campaign, List<UUID> customers) {
    }

    private final WinBack winBack;
    private final Campaigns campaigns;
    private final Ids ids;

    WinBackCampaigns(WinBack winBack, Campaigns campaigns, Ids ids) {
        this.winBack = winBack;
        this.campaigns = campaigns;
        this.ids = ids;
    }

    /**
     * Creates the draft campaign {@code name} for the customers on the list now; with {@code shown} (the customers a
     * screen listed), only those of them still on it, so the audience is what the person saw and nobody who has come
     * back since. Refused when nobody is left.
     */
    @Transactional
    public Created create(String name, LocalDate day, WinBack.Criteria criteria, Collection<UUID> shown) {
        Set<UUID> seen = shown == null ? Set.of() : Set.copyOf(shown);
        List<UUID> customers = winBack.list(criteria).stream().map(WinBack.Candidate::customerId)
                .filter(id -> seen.isEmpty() || seen.contains(id)).toList();
        if (customers.isEmpty()) {
            // An audience with no customer ids is everyone: never let an empty list become that.
            throw new RefusedByRule("nobody is on the win-back list");
        }
        String code = "WINBACK-" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + "-"
                + ids.next().toString().substring(30).toUpperCase(java.util.Locale.ROOT);
        Campaign campaign = campaigns.create(new Campaigns.Draft(name, code, null, null, List.of(), null, null, null, Campaign.Status.DRAFT,
                List.of()), new Audience(null, null, null, null, null, null, null, null, customers));
        return new Created(campaign, customers);
    }
}
