package io.temas.routing;

import io.temas.channels.email.MailboxConfigured;
import io.temas.shared.ChannelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Every mailbox address is an e-mail entry point of its queue; a queue named by a mailbox but missing is created. */
@Component
class MailboxEntryPoints {

    private static final Logger log = LoggerFactory.getLogger(MailboxEntryPoints.class);

    private final Queues queues;
    private final EntryPoints entryPoints;

    MailboxEntryPoints(Queues queues, EntryPoints entryPoints) {
        this.queues = queues;
        this.entryPoints = entryPoints;
    }

    @EventListener
    void on(MailboxConfigured mailbox) {
        Queue queue = queues.findByName(mailbox.queue()).orElseGet(() -> {
            log.info("Creating queue '{}' for mailbox {}", mailbox.queue(), mailbox.address());
            return queues.create(mailbox.queue(), "Mail to " + mailbox.address(), null);
        });
        entryPoints.find(mailbox.address(), ChannelType.EMAIL).ifPresentOrElse(
                existing -> {
                    if (!existing.queueId().equals(queue.id())) {
                        entryPoints.update(existing.id(), existing.address(), existing.channel(), queue.id(), existing.name(),
                                existing.campaign(), existing.medium());
                    }
                },
                () -> entryPoints.create(mailbox.address(), ChannelType.EMAIL, queue.id(), "Mailbox " + mailbox.address(), null, null));
    }
}
