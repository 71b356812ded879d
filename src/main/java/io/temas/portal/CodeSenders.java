package io.temas.portal;

import io.temas.routing.EntryPoint;
import io.temas.routing.EntryPoints;
import io.temas.shared.ChannelType;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Where sign-in codes are sent from: the address (or number) set for them, else an entry point of
 * the kind in the queue the help centre's contact form goes to (the one that answers the
 * customer's requests, so the code comes from an address they know), those of no campaign first,
 * else any of the kind. The SMTP server is the mailbox's, as for every mail from that address.
 */
@Component
class CodeSenders {

    private final EntryPoints entryPoints;
    private final PortalSettings portal;
    private final SignInSettings settings;

    CodeSenders(EntryPoints entryPoints, PortalSettings portal, SignInSettings settings) {
        this.entryPoints = entryPoints;
        this.portal = portal;
        this.settings = settings;
    }

    /** The sender for a code on the channel; empty when nothing of the kind is set up. */
    Optional<String> from(ChannelType channel) {
        String configured = ChannelType.EMAIL.equals(channel) ? settings.emailFrom() : settings.smsFrom();
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured.strip());
        }
        List<EntryPoint> all = entryPoints.all();
        UUID queue = all.stream().filter(e -> e.address().equalsIgnoreCase(portal.contactEntryPoint())).map(EntryPoint::queueId)
                .findFirst().orElse(null);
        return all.stream()
                .filter(e -> e.state() != EntryPoint.State.RETIRED && (e.channel() == null || e.channel().equals(channel))
                        && fits(channel, e.address()))
                .sorted(Comparator.comparing((EntryPoint e) -> queue == null || !queue.equals(e.queueId()))
                        .thenComparing(e -> e.campaign() != null))
                .map(EntryPoint::address).findFirst();
    }

    private static boolean fits(ChannelType channel, String address) {
        return ChannelType.EMAIL.equals(channel) ? address.contains("@") : address.startsWith("+");
    }
}
