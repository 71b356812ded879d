package io.temas.channels.messenger;

import io.temas.channels.OutboundMessage;
import io.temas.channels.ReplyGate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Refuses a Messenger or Instagram reply outside Meta's 24-hour messaging window (or to somebody
 * who never wrote on the channel, whom Meta would not let us reach either) before it is queued, so the agent hears it at once; the transport keeps the same check for what was queued
 * before the window closed.
 */
@Component
class MessengerWindowGate implements ReplyGate {

    private final MessengerContacts contacts;
    private final Clock clock;

    MessengerWindowGate(MessengerContacts contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public void check(OutboundMessage reply) {
        boolean instagram = MessengerChannels.INSTAGRAM.equals(reply.channel());
        if (!instagram && !MessengerChannels.MESSENGER.equals(reply.channel()) || reply.recipient() == null) {
            return;
        }
        String prefix = reply.channel().code() + ":";
        if (!reply.recipient().startsWith(prefix)) {
            return;
        }
        Optional<Instant> lastHeard = contacts.lastHeard(reply.channel(), reply.recipient().substring(prefix.length()));
        if (lastHeard.isEmpty()) {
            throw new MessengerWindowClosed(instagram ? "Instagram" : "Messenger", null);
        }
        if (lastHeard.get().plus(MessengerTransport.WINDOW).isBefore(clock.instant())) {
            throw new MessengerWindowClosed(instagram ? "Instagram" : "Messenger", lastHeard.get().plus(MessengerTransport.WINDOW));
        }
    }
}
